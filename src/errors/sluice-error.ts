/**
 * The failure model (docs/architecture.md, "Failures"): every error Sluice raises on purpose is a
 * SluiceError. It keeps its `cause`, and each class is registered by name with the remote-error
 * codec, so an error thrown in a worker thread or another process is rebuilt on the caller's side as
 * the same class: callers test `instanceof`, never `error.name` strings.
 */

export interface SluiceErrorOptions {
  cause?: unknown;
}

export class SluiceError extends Error {
  constructor(message: string, options?: SluiceErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    // The subclass's own name, without each class writing `override name = …`.
    Object.defineProperty(this, "name", { value: new.target.name, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * Any error class, whatever its constructor's parameters: the codec rebuilds an instance without
 * running the constructor (see deserializeError in serialized-error.ts).
 */
export type ErrorClass = abstract new (...args: never[]) => Error;

const registry = new Map<string, ErrorClass>();

/**
 * Makes `ctor` known to the remote-error codec under its name. Classes call this next to their
 * definition; the name must be unique (two classes of one name could not be told apart remotely).
 */
export function registerErrorClass<C extends ErrorClass>(ctor: C, name: string = ctor.name): C {
  const existing = registry.get(name);
  if (existing && existing !== ctor) throw new Error(`two error classes are registered as ${name}`);
  registry.set(name, ctor);
  return ctor;
}

/** The class registered under `name`, if any. */
export function errorClassNamed(name: string): ErrorClass | undefined {
  return registry.get(name);
}

for (const builtin of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError] as ErrorClass[]) {
  registerErrorClass(builtin);
}
registerErrorClass(SluiceError);
