import { useCallback, useState } from 'react'

type ActionState<T> =
  | { status: 'idle' | 'pending'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown }

type Callbacks<T> = { onSuccess?: (data: T) => void; onError?: (error: unknown) => void }

/**
 * The pending/error/success state of one server call, for the pages outside the
 * signed-in area, which don't load the query cache (see lib/query-client.ts).
 */
export function useAction<V, T>(action: (variables: V) => Promise<T>) {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' })

  const mutate = useCallback(
    (variables: V, callbacks: Callbacks<T> = {}) => {
      setState({ status: 'pending' })
      action(variables).then(
        (data) => {
          setState({ status: 'success', data })
          callbacks.onSuccess?.(data)
        },
        (error: unknown) => {
          setState({ status: 'error', error })
          callbacks.onError?.(error)
        },
      )
    },
    [action],
  )

  return {
    ...state,
    mutate,
    isPending: state.status === 'pending',
    isSuccess: state.status === 'success',
    isError: state.status === 'error',
  }
}
