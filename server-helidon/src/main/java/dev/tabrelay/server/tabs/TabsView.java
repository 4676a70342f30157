package dev.tabrelay.server.tabs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The JSON view of connected extensions and their tabs, shared by {@code GET /v1/tabs} and the admin API. */
public final class TabsView {

    private TabsView() {
    }

    /**
     * @param busy tells whether a tab is running a chat request; {@code null} leaves {@code busy} out
     */
    public static List<Object> extensions(List<TabDirectory.Session> sessions, Predicate<String> busy) {
        List<Object> list = new ArrayList<>();
        for (TabDirectory.Session session : sessions) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("sessionId", session.sessionId());
            value.put("clientType", session.clientType());
            value.put("version", session.version());
            value.put("dialect", session.dialect());
            value.put("subprotocol", session.subprotocol());
            value.put("capabilities", session.capabilities());
            value.put("connectedAt", session.connectedAt());
            value.put("lastActivity", session.lastActivity());
            value.put("defaultTabId", session.defaultTabId());
            List<Object> tabs = new ArrayList<>();
            for (TabDirectory.Tab tab : session.tabs()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("tabId", tab.tabId());
                t.put("url", tab.url());
                t.put("title", tab.title());
                t.put("lastActivity", tab.lastActivity());
                if (busy != null) {
                    t.put("busy", busy.test(tab.tabId()));
                }
                tabs.add(t);
            }
            value.put("tabs", tabs);
            list.add(value);
        }
        return list;
    }
}
