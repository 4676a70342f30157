package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.tabs.TabDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tabs may answer chat, read from the one tab model ({@link TabDirectory}). An extension is chat-capable
 * when it advertises the {@code chat} capability or any model. Each of its tabs takes one request at a time;
 * an extension that names no tab counts as one tab (tab id null). A tab serves the models its extension
 * advertises; an extension that advertises none serves any model (legacy extensions know no model names).
 */
final class ChatTargets {

    /** A tab that could take a request; {@code exact} when its extension advertises the requested model. */
    record Candidate(Connection connection, String tabId, boolean exact) {
        ChatCall.Target target() {
            return new ChatCall.Target(connection.id(), tabId);
        }
    }

    /** The candidates for one model; {@code chatTabs} is false when no chat-capable extension is connected. */
    record Suitable(boolean chatTabs, List<Candidate> candidates) {
    }

    private final TabDirectory tabs;

    ChatTargets(TabDirectory tabs) {
        this.tabs = tabs;
    }

    static boolean chatCapable(TabDirectory.Offer offer) {
        return offer.capabilities().contains("chat") || !offer.models().isEmpty();
    }

    Suitable suitable(String model) {
        boolean chatTabs = false;
        List<Candidate> result = new ArrayList<>();
        for (TabDirectory.Offer offer : tabs.offers()) {
            if (!chatCapable(offer) || !offer.connection().isOpen()) {
                continue;
            }
            chatTabs = true;
            boolean exact = model != null && serves(offer, model);
            if (model != null && !exact && !offer.models().isEmpty()) {
                continue;
            }
            if (offer.tabIds().isEmpty()) {
                result.add(new Candidate(offer.connection(), null, exact));
            } else {
                for (String tabId : offer.tabIds()) {
                    result.add(new Candidate(offer.connection(), tabId, exact));
                }
            }
        }
        return new Suitable(chatTabs, result);
    }

    /** A loop, not a stream: this runs for every tab on every chat request. */
    private static boolean serves(TabDirectory.Offer offer, String model) {
        for (ModelInfo m : offer.models()) {
            if (model.equals(m.id())) {
                return true;
            }
        }
        return false;
    }

    /** Every advertised model once, with who owns it, in connection order. */
    List<ModelInfo> models() {
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        for (TabDirectory.Offer offer : tabs.offers()) {
            if (chatCapable(offer)) {
                offer.models().forEach(m -> models.putIfAbsent(m.id(), m));
            }
        }
        return List.copyOf(models.values());
    }
}
