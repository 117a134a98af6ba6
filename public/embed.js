/*
 * Pulseboard embedding, for the vendor's own page (README "Embedding"):
 *
 *   <script src="https://pulseboard.example.com/embed.js"></script>
 *   <script>
 *     Pulseboard.embed({
 *       container: '#dashboard', tenant: 'acme', dashboard: 'cluster-overview',
 *       getToken: () => fetch('/pulseboard-token').then((r) => r.text()),
 *     });
 *   </script>
 *
 * The iframe asks for a token when it starts and again before each token expires; getToken
 * fetches a fresh one from the vendor's backend, which signs it. Messages are accepted only from
 * the iframe this call created, at the origin this script was loaded from, and tokens are posted
 * to that origin only.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var pulseboardOrigin = script && script.src ? new URL(script.src).origin : null;

  function embed(options) {
    if (!pulseboardOrigin) throw new Error('Pulseboard.embed: load embed.js with a <script src> tag');
    var container = typeof options.container === 'string' ? document.querySelector(options.container) : options.container;
    if (!container) throw new Error('Pulseboard.embed: no container ' + options.container);
    if (typeof options.getToken !== 'function') throw new Error('Pulseboard.embed: getToken must be a function returning a promise of the token');
    if (!options.tenant || !options.dashboard) throw new Error('Pulseboard.embed: tenant and dashboard are required');

    var iframe = document.createElement('iframe');
    var src = pulseboardOrigin + '/embed/' + encodeURIComponent(options.tenant) + '/' + encodeURIComponent(options.dashboard);
    iframe.src = options.view ? src + '?' + options.view : src;
    iframe.title = options.title || 'Dashboard';
    iframe.style.border = '0';
    iframe.style.width = '100%';
    iframe.style.height = options.height || '900px';
    iframe.setAttribute('allow', 'clipboard-write');

    var pending = null;
    function sendToken() {
      // Several "token needed" at once (start-up, a 401 and a renewal together) share one fetch.
      pending = pending || Promise.resolve()
        .then(options.getToken)
        .then(function (token) {
          if (typeof token !== 'string' || !token) throw new Error('getToken resolved to no token');
          if (iframe.contentWindow) iframe.contentWindow.postMessage({ type: 'pulseboard:token', token: token }, pulseboardOrigin);
        })
        .catch(function (err) {
          if (options.onError) options.onError(err);
          else console.error('[pulseboard] getToken failed', err);
        })
        .then(function () {
          pending = null;
        });
    }

    function onMessage(event) {
      if (event.source !== iframe.contentWindow || event.origin !== pulseboardOrigin) return;
      if (event.data && event.data.type === 'pulseboard:token-needed') sendToken();
    }

    window.addEventListener('message', onMessage);
    container.appendChild(iframe);
    return {
      iframe: iframe,
      destroy: function () {
        window.removeEventListener('message', onMessage);
        iframe.remove();
      },
    };
  }

  window.Pulseboard = { embed: embed };
})();
