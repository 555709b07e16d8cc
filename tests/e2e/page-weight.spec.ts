import { gzipSync } from 'node:zlib'
import { expect, test } from './fixtures.ts'

// A module's section page is what a learner on a phone opens most, often on a ward's weak signal: all the
// JavaScript it loads, compressed as it would travel, stays within a budget. The figure is printed so the
// README can state it.

const BUDGET_KB = 110

test(`a module section page loads at most ${BUDGET_KB} kB of JavaScript, compressed`, async ({ page, login }) => {
  const scripts = new Map<string, Promise<Buffer>>()
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? ''
    if (response.request().resourceType() === 'script' || type.includes('javascript'))
      scripts.set(response.url(), response.body())
  })
  await login({ role: 'learner' })
  scripts.clear() // only what the section page itself needs, as if opened from a link or bookmark
  await page.goto('/modules/spotting-phishing/sections/1')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.waitForLoadState('networkidle')
  const bodies = await Promise.all(scripts.values())
  const compressed = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0)
  const kB = compressed / 1024
  console.log(`Section page JavaScript: ${scripts.size} files, ${kB.toFixed(1)} kB compressed (gzip -9)`)
  expect(scripts.size).toBeGreaterThan(0)
  expect(kB).toBeLessThanOrEqual(BUDGET_KB)
})
