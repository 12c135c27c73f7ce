import type { FieldValues, Resolver } from 'react-hook-form'

/**
 * A form resolver whose schema (and the schema library) loads on first use
 * rather than with the page: nothing is validated before the first submit, and
 * `preload` (called when the form gets focus) fetches it before that moment.
 */
export function lazyResolver<T extends FieldValues>(load: () => Promise<Resolver<T>>) {
  let loading: Promise<Resolver<T>> | null = null
  const get = () => {
    loading ??= load()
    return loading
  }
  const resolver: Resolver<T> = async (values, context, options) =>
    (await get())(values, context, options)
  return { resolver, preload: () => void get() }
}
