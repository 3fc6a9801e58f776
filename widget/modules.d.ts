/** A stylesheet imported as text (Vite's `?inline`; minified in the build). */
declare module '*.css?inline' {
  const css: string;
  export default css;
}

/** One part of a locale file (widget/localeParts.ts; served by widget/localePlugin.ts). */
declare module '*.json?first' {
  /** JSON text: the first view's messages (parsed by widget/localeLoaders.ts). */
  const text: string;
  export default text;
}
declare module '*.json?later' {
  const messages: Record<string, unknown>;
  export default messages;
}
