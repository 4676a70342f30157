package dev.tabrelay.server.compat;

/**
 * The connector-wide facts BrowserTools keeps outside its log arrays: the current URL and tab, and whether
 * headers are shown in query results (set by the extension's settings on each {@code /extension-log}).
 */
public final class LegacyState {

    /** The result of a current-url update, in BrowserTools' terms. */
    public record UrlUpdate(String url, String tabId, String previousUrl, boolean updated) {
    }

    private String currentUrl = "";
    private String currentTabId;
    private boolean showRequestHeaders;
    private boolean showResponseHeaders;

    public synchronized UrlUpdate updateUrl(String url, String tabId) {
        String previous = currentUrl;
        boolean updated = !url.equals(previous);
        currentUrl = url;
        if (tabId != null) {
            currentTabId = tabId;
        }
        return new UrlUpdate(url, currentTabId, previous, updated);
    }

    public synchronized String currentUrl() {
        return currentUrl;
    }

    public synchronized String currentTabId() {
        return currentTabId;
    }

    public synchronized void headers(Boolean request, Boolean response) {
        if (request != null) {
            showRequestHeaders = request;
        }
        if (response != null) {
            showResponseHeaders = response;
        }
    }

    public synchronized boolean showRequestHeaders() {
        return showRequestHeaders;
    }

    public synchronized boolean showResponseHeaders() {
        return showResponseHeaders;
    }
}
