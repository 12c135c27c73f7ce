// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { client } from '@/client/client.gen'
import { loginLoginAccessToken, usersReadUserMe } from '@/client/sdk.gen'
import { sendJson, startServer } from '@/test/fake-api'
import { getAccessToken, setAccessToken } from './access-token'
import { configureApiClient } from './api'
import { onSessionEvent } from './session-events'

const USER = { id: '1', email: 'a@example.com', is_active: true, is_superuser: false }

describe('requests with an expired access token', () => {
  let refreshCalls: number
  let refreshSucceeds: boolean
  let server: Awaited<ReturnType<typeof startServer>>

  beforeEach(async () => {
    refreshCalls = 0
    refreshSucceeds = true
    server = await startServer((request, response) => {
      if (request.url === '/api/v1/login/refresh') {
        refreshCalls += 1
        // Answer slowly so concurrent callers overlap with the refresh in flight.
        setTimeout(() => {
          if (refreshSucceeds) sendJson(response, 200, { access_token: 'fresh', expires_in: 900 })
          else sendJson(response, 401, { detail: 'Session expired' })
        }, 50)
      } else if (request.url === '/api/v1/login/access-token') {
        sendJson(response, 401, { detail: 'not retried' })
      } else if (request.headers.authorization === 'Bearer fresh') {
        sendJson(response, 200, USER)
      } else {
        sendJson(response, 401, { detail: 'Could not validate credentials' })
      }
    })
    configureApiClient()
    client.setConfig({ baseUrl: server.url })
    setAccessToken('stale')
  })

  afterEach(() => server.close())

  it('share one refresh and are each replayed with the new token', async () => {
    const results = await Promise.all([usersReadUserMe(), usersReadUserMe(), usersReadUserMe()])

    expect(results.map((result) => result.data?.email)).toEqual([
      USER.email,
      USER.email,
      USER.email,
    ])
    expect(refreshCalls).toBe(1)
    expect(getAccessToken()).toBe('fresh')
  })

  it('end the session once when the refresh is refused', async () => {
    refreshSucceeds = false
    let expired = 0
    const stop = onSessionEvent('expired', () => {
      expired += 1
    })

    const result = await usersReadUserMe()
    stop()

    expect(result.response.status).toBe(401)
    expect(expired).toBe(1)
    expect(getAccessToken()).toBeNull()
  })

  it('are not retried for the login endpoints themselves', async () => {
    const result = await loginLoginAccessToken({ body: { username: 'a', password: 'b' } })

    expect(result.response.status).toBe(401)
    expect(refreshCalls).toBe(0)
  })
})
