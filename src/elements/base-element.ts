import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { render } from 'lit/html.js';

/** How an attribute becomes its property: text by default, a number, or present/absent. */
export interface PropertyOptions {
  type?: typeof Number | typeof Boolean;
  /** The attribute's name, when it is not the property's in lower case. */
  attribute?: string;
  /** Keeps the attribute in step with the property, for styles that select on it. */
  reflect?: boolean;
}

/** The properties that changed since the last render, with their old values. */
export type PropertyValues = ReadonlyMap<PropertyKey, unknown>;

/**
 * CSS as text, tagged so the build's template minifier finds it. It takes no `${}`: TypeScript rejects one, as it
 * passes more arguments than the tag accepts.
 */
export const css = (strings: TemplateStringsArray) => strings[0];

/** One stylesheet per text, shared by every element and instance that uses it (the theme is used by all four). */
const sheets = new Map<string, CSSStyleSheet>();
/** Gives a shadow root the stylesheets for one css text or a nested list of them. */
function adopt(root: ShadowRoot, styles: typeof BaseElement.styles) {
  root.adoptedStyleSheets = [styles].flat(Infinity).map((text) => {
    let sheet = sheets.get(text as string);
    if (!sheet) sheets.set(text as string, (sheet = new CSSStyleSheet())).get(text as string)!.replaceSync(text as string);
    return sheet;
  });
}
/** Each element class's observed attributes, with the property each one sets. */
const attributes = new WeakMap<object, Map<string, readonly [property: string, options: PropertyOptions]>>();

/**
 * Lit's reactive update cycle, as much of it as these elements use: attributes to typed properties (and back, where
 * styles select on them), one render per microtask with lit-html, `updateComplete`, and Lit's reactive controllers.
 * Lit's own ReactiveElement and LitElement cost 2.8 KB gzip with their stylesheet helpers, a sixth of the bundle's
 * budget; this costs about a third of that. Templates are still lit-html's, and controllers still Lit's interface.
 * Not Lit's API beyond that: no decorators, `willUpdate` or `firstUpdated`; `styles` are `css` texts.
 */
export abstract class BaseElement extends (globalThis.HTMLElement ?? Object) implements ReactiveControllerHost {
  /** The reactive properties a class adds to its base's; it may redeclare one of them with other options. */
  static properties: Record<string, PropertyOptions> = {};
  static styles: string | readonly unknown[] = [];

  static get observedAttributes() {
    const declared = new Map<string, PropertyOptions>();
    const chain = [];
    for (let proto = this.prototype; proto !== BaseElement.prototype; proto = Object.getPrototypeOf(proto)) chain.unshift(proto);
    // From the base down, so a subclass's options win; each accessor goes on the class that declares the property,
    // and never over one that class defines itself.
    for (const proto of chain) {
      const c = proto.constructor as typeof BaseElement;
      for (const [name, options] of Object.entries(Object.hasOwn(c, 'properties') ? c.properties : {})) {
        declared.set(name, options);
        if (Object.hasOwn(proto, name)) continue;
        Object.defineProperty(proto, name, {
          get(this: BaseElement) {
            return this.#values.get(name);
          },
          set(this: BaseElement, value: unknown) {
            const old = this.#values.get(name);
            if (Object.is(old, value)) return;
            this.#values.set(name, value);
            this.requestUpdate(name, old);
          },
          configurable: true,
        });
      }
    }
    const map = new Map([...declared].map(([name, options]) => [options.attribute ?? name.toLowerCase(), [name, options] as const]));
    attributes.set(this, map);
    return [...map.keys()];
  }

  readonly renderRoot = this.attachShadow({ mode: 'open' });
  #values = new Map<string, unknown>();
  #changed = new Map<PropertyKey, unknown>();
  #controllers = new Set<ReactiveController>();
  /** Lets the first render go: updates wait for the first connection, as Lit's do. Unset after. */
  #start?: () => void;
  /** The render asked for and not yet committed; the first one waits for `#start`. */
  #pending?: Promise<unknown> = new Promise<void>((resolve) => (this.#start = resolve)).then(() => this.#update());
  /** Properties a page set before the element was defined: they hide the accessors until taken back. */
  #early: [string, unknown][] = [];

  constructor() {
    super();
    adopt(this.renderRoot, (this.constructor as typeof BaseElement).styles);
    for (const [name] of attributes.get(this.constructor)!.values()) {
      if (Object.hasOwn(this, name)) {
        this.#early.push([name, this[name as keyof this]]);
        delete this[name as keyof this];
      }
    }
  }

  connectedCallback() {
    if (this.#start) {
      for (const [name, value] of this.#early) Object.assign(this, { [name]: value });
      this.#early = [];
      this.#start();
      this.#start = undefined;
    }
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback() {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null) {
    const [name, { type }] = attributes.get(this.constructor)!.get(attribute)!;
    // An empty number (`decimals=""`, as a CMS writes an unset field) is unset, not 0.
    Object.assign(this, { [name]: type === Boolean ? value !== null : type === Number ? (value?.trim() ? Number(value) : null) : value });
  }

  addController(controller: ReactiveController) {
    this.#controllers.add(controller);
    if (!this.#start && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController) {
    this.#controllers.delete(controller);
  }

  /** Asks for a render in a microtask; `name` and `old` say which property changed, for `updated`. */
  requestUpdate(name?: PropertyKey, old?: unknown) {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    this.#pending ??= Promise.resolve().then(() => this.#update());
  }

  /** Resolves once no render is pending, so what was set before is on screen. */
  get updateComplete(): Promise<boolean> {
    return this.#pending ? this.#pending.then(() => this.updateComplete) : Promise.resolve(true);
  }

  /** Renders the element's content, with lit-html. */
  protected abstract render(): unknown;

  /** After each render. */
  protected updated(_changed: PropertyValues): void {}

  #update() {
    const changed = this.#changed;
    let content: unknown;
    try {
      for (const controller of this.#controllers) controller.hostUpdate?.();
      for (const [attribute, [name, { reflect, type }]] of attributes.get(this.constructor)!) {
        const value = this[name as keyof this];
        if (!reflect || !changed.has(name)) continue;
        if (type === Boolean) this.toggleAttribute(attribute, !!value);
        else if (value == null) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      }
      content = this.render();
    } finally {
      // Changes from here on (an event from a child the commit connects, a controller after it) render again,
      // as do changes after a render that threw.
      this.#changed = new Map();
      this.#pending = undefined;
    }
    render(content, this.renderRoot, { host: this });
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.updated(changed);
  }
}
