import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A customer's website on another origin (localhost vs the server's 127.0.0.1, another port) with
 * Intercom's own snippet, only its script URL pointing at Frontdesk.
 */
export class CustomerSite {
  private readonly pages = new Map<string, string>();
  private readonly server = http.createServer((request, response) => {
    const html = this.pages.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A page carrying `window.intercomSettings` and the standard snippet; returns its URL. */
  page(path: string, settings: Record<string, unknown>, widgetUrl: string): string {
    this.pages.set(
      path,
      `<!doctype html>
<html><head><title>Acme Store</title></head>
<body>
<main><h1>Acme Store</h1><p>Everything for your home.</p></main>
<script>
  window.intercomSettings = ${JSON.stringify(settings)};
</script>
<script>
  // We pre-filled your app ID in the widget URL: '${widgetUrl}'
  (function(){var w=window;var ic=w.Intercom;if(typeof ic==="function"){ic('reattach_activator');ic('update',w.intercomSettings);}else{var d=document;var i=function(){i.c(arguments);};i.q=[];i.c=function(args){i.q.push(args);};w.Intercom=i;var l=function(){var s=d.createElement('script');s.type='text/javascript';s.async=true;s.src='${widgetUrl}';var x=d.getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);};if(document.readyState==='complete'){l();}else if(w.attachEvent){w.attachEvent('onload',l);}else{w.addEventListener('load',l,false);}}})();
</script>
<script>
  window.unreadCounts = [];
  Intercom('onUnreadCountChange', function (count) { window.unreadCounts.push(count); });
</script>
</body></html>`,
    );
    return `${this.url}${path}`;
  }
}
