/** A component from a dynamic import (its own chunk), rendered once loaded; a polite "loading" until then. */
import type { TFunction } from 'i18next';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function Lazy<P extends object>(props: {
  readonly load: () => Promise<FunctionComponent<P>>;
  readonly props: P;
  readonly t: TFunction;
  /** Render nothing (instead of a "loading" status) until the chunk is there. */
  readonly quiet?: boolean;
}) {
  const [C, setC] = useState<{ c: FunctionComponent<P> } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    props.load().then(
      (c) => alive && setC({ c }),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);
  if (C) return <C.c {...props.props} />;
  if (props.quiet && !failed) return null;
  return (
    <p class="sub" role="status">
      {failed ? props.t('decide.loadFailed') : props.t('decide.loading')}
    </p>
  );
}
