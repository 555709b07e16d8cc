import vm from 'node:vm'
import { describe, expect, test } from 'vitest'
import { withSandboxStorage } from './sandbox-storage.ts'

const scriptOf = (html: string) => /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''

/** A window and document that refuse cookies and storage, as a sandboxed page's do. */
function sandboxedWindow() {
  const refuse = () => {
    throw new Error('SecurityError: the document is sandboxed')
  }
  const document = {}
  Object.defineProperty(document, 'cookie', { configurable: true, get: refuse, set: refuse })
  const window: Record<string, unknown> = { document }
  for (const name of ['localStorage', 'sessionStorage'])
    Object.defineProperty(window, name, { configurable: true, get: refuse })
  return { window, document: document as { cookie: string } }
}

describe('course pages get storage of their own in the sandbox', () => {
  test('the script runs first: right after <head>, or at the start of a page without one', () => {
    expect(withSandboxStorage('<!doctype html><html><head lang="en"><title>Unit</title>')).toMatch(
      /^<!doctype html><html><head lang="en"><script>[\s\S]*<\/script><title>Unit<\/title>$/,
    )
    expect(withSandboxStorage('<!DOCTYPE html><p>Hello</p>')).toMatch(
      /^<!DOCTYPE html><script>[\s\S]*<\/script><p>Hello<\/p>$/,
    )
    expect(withSandboxStorage('<header>Not a head</header>')).toMatch(/^<script>/)
  })

  test('where the browser refuses, cookies and storage work for the page and are forgotten with it', () => {
    const { window, document } = sandboxedWindow()
    vm.runInNewContext(scriptOf(withSandboxStorage('<head>')), { window, document })
    document.cookie = 'XSRF-TOKEN=abc; path=/'
    document.cookie = 'theme=dark'
    expect(document.cookie).toBe('XSRF-TOKEN=abc; theme=dark')
    document.cookie = 'theme=; max-age=0'
    expect(document.cookie).toBe('XSRF-TOKEN=abc')
    const storage = window.localStorage as Storage
    storage.setItem('progress', '3')
    expect(storage.getItem('progress')).toBe('3')
    expect(storage.getItem('missing')).toBeNull()
    expect(storage.length).toBe(1)
    storage.clear()
    expect(storage.length).toBe(0)
    expect(() => (window.sessionStorage as Storage).setItem('a', 'b')).not.toThrow()
  })

  test('where the browser allows them, the page keeps the real ones', () => {
    const real = { cookie: 'kept=1' }
    const localStorage = { real: true }
    const window = { document: real, localStorage, sessionStorage: localStorage }
    vm.runInNewContext(scriptOf(withSandboxStorage('<head>')), { window, document: real })
    expect(real.cookie).toBe('kept=1')
    expect(window.localStorage).toBe(localStorage)
  })
})
