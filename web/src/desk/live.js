// Live calendar updates (API.md "Live calendar: Server-Sent Events").
// GET …/branches/{branch}/events: `event: calendar` with data
// {"dates":[…],"versions":{…}} for committed changes; `event: reset` when the
// server cannot resume from Last-Event-ID. EventSource itself reconnects and
// resends Last-Event-ID; after any reconnect we re-pull (the pull's ETag makes
// that a 304 when nothing changed). Without the stream (an older server, a
// proxy that buffers) we fall back, silently, to a slow ETag pull.

const kRetryMs = 30000;
const kFallbackPollMs = 20000;

/**
 * Follows one branch's stream. onDates(dates) for a change on those local
 * dates; onResync() when anything may have been missed. Returns stop().
 */
export function followBranch(url, {onDates, onResync}) {
  let source = null;
  let retryTimer = 0;
  let pollTimer = 0;
  let stopped = false;
  let hadError = false;

  const startPolling = () => {
    if (!pollTimer) pollTimer = setInterval(onResync, kFallbackPollMs);
  };
  const stopPolling = () => { clearInterval(pollTimer); pollTimer = 0; };

  const open = () => {
    if (stopped || typeof EventSource === 'undefined') { startPolling(); return; }
    source = new EventSource(url, {withCredentials: true});
    source.addEventListener('open', () => {
      stopPolling();
      if (hadError) onResync();  // a reconnect: catch up with one pull
      hadError = false;
    });
    source.addEventListener('calendar', (e) => {
      try {
        const data = JSON.parse(e.data);
        onDates(Array.isArray(data.dates) ? data.dates : []);
      } catch {
        onResync();
      }
    });
    source.addEventListener('reset', () => onResync());
    source.addEventListener('error', () => {
      hadError = true;
      // CONNECTING: the browser retries by itself. CLOSED: the server said
      // no (404, 401, not an event stream): pull slowly, try again later.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        startPolling();
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, kRetryMs);
      }
    });
  };

  // Coming back to a hidden tab: the stream may have been cut meanwhile.
  const onVisible = () => { if (document.visibilityState === 'visible') onResync(); };
  document.addEventListener('visibilitychange', onVisible);
  open();

  return () => {
    stopped = true;
    source?.close();
    clearTimeout(retryTimer);
    stopPolling();
    document.removeEventListener('visibilitychange', onVisible);
  };
}
