// The embed build's facade over the merged core (widget/buildPlugins.ts, issue 17): it reads the
// core's exports once, so the build refuses an export whose value may change after that read.
import { describe, expect, it } from 'vitest';
import { reassignableExports } from '../../widget/buildPlugins.ts';

describe('reassignableExports', () => {
  it('accepts functions, classes and top-level constants (rolldown writes `const` as `var`)', () => {
    const code =
      'function a(){}class B{}var c=[1],d={x:1};const e=2;function f(){let c=0;c=1}export{a as A,B,c,d as D,e as E};';
    expect(reassignableExports(code)).toEqual([]);
  });
  it('flags a `let` export and a binding assigned again at the top level', () => {
    const code = 'let a=1;var b=1;b=2;var c=3;export{a as x,b as y,c as z};';
    expect(reassignableExports(code)).toEqual(['a as x', 'b as y']);
  });
  it('flags an export whose binding it cannot find', () => {
    expect(reassignableExports('import{q}from"./q.js";export{q as r};')).toEqual(['q as r']);
  });
});
