import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  // nhsuk-frontend ships minified CSS with IE hacks that esbuild's minifier warns about.
  build: { target: 'es2022', cssMinify: false },
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
})
