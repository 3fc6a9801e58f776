/**
 * The custom element <wa-pricing-calculator> and mount(): both render <App> into a shadow root
 * with the adopted stylesheet, parse their configuration in options.ts, and keep all state per
 * instance (i18next instance, card store, warnings already printed).
 */
import { render } from 'preact';
import { App } from './App.tsx';
import type { CardStore } from './cards.ts';
import { loadShareCodec, needsShareCodec } from './share/fragment.ts';
import { emitterFor } from './events.ts';
import { isLocaleLoaded, loadLocale } from './i18n.ts';
import {
  ATTRIBUTE_NAMES,
  type AttributeName,
  onceWarner,
  parseOptions,
  type RawOptions,
  unknownAttributes,
  type Warn,
} from './options.ts';
import { adoptStyles } from './styles.ts';

export const TAG = 'wa-pricing-calculator';

export type Env = {
  /** A fresh card store for one widget instance. */
  readonly store: () => CardStore;
  /** Countries the engine can price (its market mapping). */
  readonly countries: readonly string[];
};

function pageContext(doc: Document) {
  return {
    pageLang: doc.documentElement?.getAttribute('lang'),
    browserLangs: typeof navigator === 'undefined' ? [] : navigator.languages,
  };
}

/** Options accepted by mount(): the same names and values as the attributes. */
export type MountOptions = {
  readonly lang?: string;
  /** ISO alpha-2 codes, as an array or a comma-separated string. */
  readonly country?: string | readonly string[];
  readonly currency?: string;
  readonly month?: string;
  readonly theme?: 'light' | 'dark' | 'auto';
  /** Partner fees: an object in `parsePartnerFees`' format, or its JSON text. */
  readonly 'partner-fees'?: unknown;
  readonly 'partner-editable'?: boolean;
  readonly share?: 'auto' | 'url' | 'none';
  readonly 'allow-card-import'?: boolean;
  /** Same-origin URL of a JSON rate-card set. */
  readonly 'rate-cards'?: string;
  /** The page "Copy link" points to (default: embed.html next to the script). */
  readonly 'share-base'?: string;
  /** A call to action under the total; without `cta-href`, it dispatches `tarifa:cta`. */
  readonly 'cta-label'?: string;
  readonly 'cta-href'?: string;
  /** Accent colour `#rrggbb`. */
  readonly accent?: string;
};

/**
 * Renders once the visitor's language is loaded (at once when it already is) and, when the page
 * address carries a shared scenario, the share link's codec (a lazy chunk, share/fragment.ts):
 * the first total is then the link's, never the defaults'.
 */
function renderInto(
  root: ShadowRoot,
  host: Element,
  raw: RawOptions,
  env: Env,
  store: CardStore,
  warn: Warn,
) {
  const options = parseOptions(raw, pageContext(host.ownerDocument), warn);
  const draw = () =>
    render(
      <App options={options} store={store} countries={env.countries} emit={emitterFor(host)} warn={warn} />,
      root,
    );
  const waits: Promise<unknown>[] = [];
  if (!isLocaleLoaded(options.lang))
    waits.push(
      loadLocale(options.lang).catch((err: unknown) => {
        warn(`locale-${options.lang}`, `could not load the "${options.lang}" messages: ${String(err)}`);
        throw err;
      }),
    );
  // Without it, the widget still works (the link is read if the codec loads later).
  if (needsShareCodec(options.share))
    waits.push(
      loadShareCodec().catch((err: unknown) =>
        warn('share-codec', `could not load the share link's code: ${String(err)}`),
      ),
    );
  if (waits.length === 0) draw();
  else Promise.all(waits).then(draw, () => undefined);
}

export function createMount(env: Env) {
  /** Renders the calculator into `target` (inside a shadow root); returns a function that unmounts it. */
  return function mount(target: Element, options: MountOptions = {}): () => void {
    if (!target || typeof (target as Element).attachShadow !== 'function') {
      throw new TypeError('[tarifa] mount(target): target must be an Element');
    }
    let host: Element = target;
    let root: ShadowRoot;
    try {
      root = target.shadowRoot ?? target.attachShadow({ mode: 'open' });
    } catch {
      // Elements that cannot host a shadow root (e.g. <p>… is fine, <input> is not): use a child.
      host = target.ownerDocument.createElement('div');
      target.appendChild(host);
      root = host.attachShadow({ mode: 'open' });
    }
    const unadopt = adoptStyles(root);
    const warn = onceWarner();
    const raw: RawOptions = { ...options };
    renderInto(root, host, raw, env, env.store(), warn);
    return () => {
      render(null, root);
      unadopt();
      if (host !== target) host.remove();
    };
  };
}

/** `partner-fees` → `partnerFees`: the property that mirrors an attribute. */
export const propertyName = (attribute: string): string =>
  attribute.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * What a framework host may set as properties: every attribute, camelCased, with objects where an
 * attribute takes JSON (`partnerFees`), arrays for lists (`country`), booleans for flags. A property
 * set to anything but `undefined`/`null` wins over its attribute; `null` hands it back.
 */
export type TarifaProperties = {
  country?: string | readonly string[] | null;
  currency?: string | null;
  month?: string | null;
  theme?: 'light' | 'dark' | 'auto' | null;
  partnerFees?: unknown;
  partnerEditable?: boolean | null;
  share?: 'auto' | 'url' | 'none' | null;
  allowCardImport?: boolean | null;
  rateCards?: string | null;
  shareBase?: string | null;
  ctaLabel?: string | null;
  ctaHref?: string | null;
  accent?: string | null;
};
export type TarifaCalculatorElement = HTMLElement & TarifaProperties;

export function createElementClass(env: Env) {
  const Element = class TarifaCalculator extends HTMLElement {
    static readonly observedAttributes = ATTRIBUTE_NAMES;
    readonly #root: ShadowRoot;
    readonly #warn = onceWarner();
    /** Values set through properties (they win over attributes). */
    readonly #props = new Map<AttributeName, unknown>();

    /** The property accessors' store (see the loop below the class). */
    setProperty(name: AttributeName, value: unknown): void {
      if (value === undefined || value === null) this.#props.delete(name);
      else this.#props.set(name, value);
      if (this.#connected) this.#render();
    }

    getProperty(name: AttributeName): unknown {
      return this.#props.has(name) ? this.#props.get(name) : this.getAttribute(name);
    }
    #store: CardStore | null = null;
    #connected = false;
    #unadopt: (() => void) | null = null;

    constructor() {
      super();
      this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    }

    connectedCallback() {
      this.#connected = true;
      this.#unadopt ??= adoptStyles(this.#root);
      for (const name of unknownAttributes(this.getAttributeNames())) {
        this.#warn(
          `unknown=${name}`,
          `unknown attribute "${name}" ignored (known: ${ATTRIBUTE_NAMES.join(', ')}).`,
        );
      }
      this.#render();
    }

    disconnectedCallback() {
      this.#connected = false;
      render(null, this.#root);
    }

    attributeChangedCallback() {
      if (this.#connected) this.#render();
    }

    #render() {
      this.#store ??= env.store();
      const raw: RawOptions = {};
      for (const name of ATTRIBUTE_NAMES) raw[name] = this.getProperty(name);
      renderInto(this.#root, this, raw, env, this.#store, this.#warn);
    }
  };
  // One accessor per attribute (`lang` stays HTMLElement's own, which reflects the attribute).
  for (const name of ATTRIBUTE_NAMES) {
    if (name === 'lang') continue;
    Object.defineProperty(Element.prototype, propertyName(name), {
      configurable: true,
      enumerable: true,
      get(this: InstanceType<typeof Element>) {
        return this.getProperty(name);
      },
      set(this: InstanceType<typeof Element>, value: unknown) {
        this.setProperty(name, value);
      },
    });
  }
  return Element;
}

/** Registers <wa-pricing-calculator> once, even if the script runs twice. */
export function defineElement(
  env: Env,
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): boolean {
  if (!registry) return false;
  if (registry.get(TAG)) return false;
  registry.define(TAG, createElementClass(env));
  return true;
}

declare global {
  interface HTMLElementTagNameMap {
    'wa-pricing-calculator': TarifaCalculatorElement;
  }
}

/** Attributes as JSX props for Preact hosts (React hosts: see README, "Framework hosts"). */
type TarifaJsxAttributes = Partial<Record<(typeof ATTRIBUTE_NAMES)[number], string | boolean>> & {
  readonly id?: string;
  readonly class?: string;
  readonly ref?: unknown;
  readonly children?: never;
};
declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'wa-pricing-calculator': TarifaJsxAttributes;
    }
  }
}
