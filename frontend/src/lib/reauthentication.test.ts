// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { client } from '@/client/client.gen'
import { usersUpdatePasswordMe } from '@/client/sdk.gen'
import { sendJson, startServer } from '@/test/fake-api'
import { setAccessToken } from './access-token'
import { configureApiClient } from './api'
import { answerProofRequests, REAUTHENTICATION_REQUIRED } from './reauthentication'

const BODY = { current_password: 'old-password', new_password: 'new-password' }

describe('a sensitive change on a session that needs a fresh proof', () => {
  let proven: boolean
  let attempts: number
  let server: Awaited<ReturnType<typeof startServer>>

  beforeEach(async () => {
    proven = false
    attempts = 0
    server = await startServer((_request, response) => {
      attempts += 1
      if (proven) sendJson(response, 200, { message: 'Password updated successfully' })
      else sendJson(response, 403, { detail: "Confirm it's you", code: REAUTHENTICATION_REQUIRED })
    })
    configureApiClient()
    client.setConfig({ baseUrl: server.url })
    setAccessToken('token')
  })

  afterEach(() => server.close())

  it('asks for the proof once and replays the change after it is given', async () => {
    let asked = 0
    const stop = answerProofRequests((done) => {
      asked += 1
      proven = true
      done(true)
    })

    const result = await usersUpdatePasswordMe({ body: BODY })
    stop()

    expect(result.response.status).toBe(200)
    expect(asked).toBe(1)
    expect(attempts).toBe(2)
  })

  it('gives back the refusal when the person cancels', async () => {
    const stop = answerProofRequests((done) => done(false))

    const result = await usersUpdatePasswordMe({ body: BODY })
    stop()

    expect(result.response.status).toBe(403)
    expect(attempts).toBe(1)
  })

  it('shares one question between concurrent changes', async () => {
    let asked = 0
    const stop = answerProofRequests((done) => {
      asked += 1
      setTimeout(() => {
        proven = true
        done(true)
      }, 20)
    })

    const results = await Promise.all([
      usersUpdatePasswordMe({ body: BODY }),
      usersUpdatePasswordMe({ body: BODY }),
    ])
    stop()

    expect(results.map((result) => result.response.status)).toEqual([200, 200])
    expect(asked).toBe(1)
  })
})
