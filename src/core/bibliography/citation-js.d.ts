// Minimal types for the parts of citation-js we call (the packages ship none).
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(name: string): { templates: { add(name: string, xml: string): void; has(name: string): boolean; delete(name: string): void } } };
    output: { format(name: string, data: object[], options?: Record<string, unknown>): string };
  };
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: object[];
    format(name: string, options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';

/** CommonJS `require`, used only to load citation-js lazily (format.ts); the core has no Node types. */
declare function require(id: string): unknown;
