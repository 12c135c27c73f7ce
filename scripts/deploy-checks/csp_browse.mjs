// Browse the dashboard served by nginx (with its Content-Security-Policy) and
// report every policy violation Chromium sees: logged out, logging in, and on
// each main page. A deliberate off-policy request at the end proves that
// violations are in fact caught.
//
// Usage: node csp_browse.mjs FRONTEND_DIR BASE_URL EMAIL PASSWORD
// Prints one line per page and exits 1 on any violation.

import { createRequire } from 'node:module'
import path from 'node:path'

const [frontendDir, baseUrl, email, password] = process.argv.slice(2)
if (!password) {
  console.error('usage: node csp_browse.mjs FRONTEND_DIR BASE_URL EMAIL PASSWORD')
  process.exit(2)
}
// Playwright comes from the frontend's own dependencies, at the version it pins.
const require = createRequire(path.join(path.resolve(frontendDir), 'package.json'))
const { chromium } = require('@playwright/test')

const PAGES = [
  '/',
  // #region capability: organizations
  '/organization',
  // #endregion capability: organizations
  '/settings',
  '/admin',
  '/audit-log',
]
const SETTLE_MS = 1500

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
})
let failures = 0
try {
  const page = await browser.newPage()
  const violations = []
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`)
    })
  })

  const visit = async (label, action) => {
    const before = violations.length
    const started = Date.now()
    await action()
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(SETTLE_MS)
    const found = violations.slice(before)
    failures += found.length
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(`${found.length ? 'FAIL' : 'ok  '} ${label}: ${found.length} CSP violations (${seconds}s)`)
    for (const text of found) console.log(`     | ${text}`)
  }

  await visit('login page', () => page.goto(`${baseUrl}/login`))
  await visit('failed login', async () => {
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('not-the-password-123')
    await page.getByRole('button', { name: 'Log in' }).click()
  })
  await visit('log in', async () => {
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  })
  for (const route of PAGES) {
    await visit(`page ${route}`, () => page.goto(`${baseUrl}${route}`))
  }
  await visit('reload keeps the session', () => page.reload())

  const before = violations.length
  await page.evaluate(() => fetch('https://off-policy.invalid/').catch(() => undefined))
  await page.waitForTimeout(SETTLE_MS)
  const caught = violations.length > before
  if (!caught) failures += 1
  console.log(`${caught ? 'ok  ' : 'FAIL'} an off-policy request is reported (the check can see violations)`)
} finally {
  await browser.close()
}
process.exit(failures ? 1 : 0)
