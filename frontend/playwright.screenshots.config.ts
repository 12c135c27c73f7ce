import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// scripts/screenshots.sh: the README's pictures (e2e/*.take.ts), one worker, in order.
export default defineConfig({
  ...base,
  testMatch: '**/*.take.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
})
