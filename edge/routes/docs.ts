import { z } from 'zod';
import { buildOpenApi } from '../openapi.js';
import type { ApiRouter } from '../route.js';

const referencePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Saathi API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h2{margin-top:2rem;border-bottom:1px solid #ddd;text-transform:capitalize}
details{border:1px solid #e3e3e3;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}
summary{cursor:pointer}code{font-size:13px}.m{display:inline-block;width:4.5rem;font-weight:700;text-transform:uppercase}
pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:12px}
</style></head><body>
<h1>Saathi API reference</h1><p>Generated from <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<div id="ops">Loading…</div>
<script>
fetch('/openapi.json').then(r => r.json()).then(doc => {
  const byTag = {};
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) (byTag[op.tags[0]] ||= []).push({ path, method, op });
  const root = document.getElementById('ops'); root.textContent = '';
  const esc = s => String(s).replace(/[&<>]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
  for (const [tag, ops] of Object.entries(byTag)) {
    root.insertAdjacentHTML('beforeend', '<h2>' + esc(tag) + '</h2>');
    for (const { path, method, op } of ops) {
      const body = op.requestBody ? '<h4>Request body</h4><pre>' + esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)) + '</pre>' : '';
      const params = op.parameters.length ? '<h4>Parameters</h4><pre>' + esc(JSON.stringify(op.parameters, null, 2)) + '</pre>' : '';
      const responses = '<h4>Responses</h4><pre>' + esc(JSON.stringify(op.responses, null, 2)) + '</pre>';
      root.insertAdjacentHTML('beforeend', '<details><summary><span class="m">' + method + '</span><code>' + esc(path) + '</code> — ' + esc(op.summary) + '</summary>' + params + body + responses + '</details>');
    }
  }
});
</script></body></html>`;

export function docsRoutes(api: ApiRouter): void {
  api.add(
    {
      method: 'get', path: '/openapi.json', summary: 'This API as OpenAPI 3.1', tag: 'operations', access: 'public',
      responses: { 200: { description: 'The OpenAPI document' } },
    },
    async () => buildOpenApi(api.specs),
  );

  api.add(
    {
      method: 'get', path: '/docs', summary: 'API reference page', tag: 'operations', access: 'public',
      responses: { 200: { description: 'HTML', schema: z.string(), contentType: 'text/html' } },
    },
    async (ctx) => {
      ctx.type = 'html';
      return referencePage;
    },
  );
}
