package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.tabs.TabDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which tabs may answer chat, read from the one tab model ({@link TabDirectory}). An extension is chat-capable
 * when it advertises the {@code chat} capability or any model. Each of its tabs takes one request at a time;
 * an extension that names no tab counts as one tab (tab id null). A tab serves the models its extension
 * advertises; an extension that advertises none serves any model (legacy extensions know no model names).
 */
final class ChatTargets {

    /**
     * A tab that could take a request; {@code exact} when its extension advertises the requested model. The target
     * is made once with the candidate, not per look-up: the router checks every candidate on every request.
     */
    record Candidate(Connection connection, String tabId, boolean exact, ChatCall.Target target) {
        Candidate(Connection connection, String tabId, boolean exact) {
            this(connection, tabId, exact, new ChatCall.Target(connection.id(), tabId));
        }

        boolean open() {
            return connection.isOpen();
        }
    }

    /**
     * The candidates for one model and the chat-capable connections, whether open or not: a closing connection
     * stays listed until the tab directory drops it, so callers check {@link #chatTabs()} and
     * {@link Candidate#open()} at the moment they decide.
     */
    record Suitable(List<Connection> chatConnections, List<Candidate> candidates) {
        /** False when no chat-capable extension is connected. */
        boolean chatTabs() {
            for (Connection connection : chatConnections) {
                if (connection.isOpen()) {
                    return true;
                }
            }
            return false;
        }

        boolean anyOpen() {
            for (Candidate candidate : candidates) {
                if (candidate.open()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The last answer of {@link #suitable}, valid while the directory hands out the same offers list. */
    private record Cached(List<TabDirectory.Offer> offers, String model, Suitable suitable) {
    }

    private final TabDirectory tabs;
    /** One entry, not a map: model names come from clients, and most traffic asks for one model (or none). */
    private volatile Cached last;

    ChatTargets(TabDirectory tabs) {
        this.tabs = tabs;
    }

    static boolean chatCapable(TabDirectory.Offer offer) {
        return offer.capabilities().contains("chat") || !offer.models().isEmpty();
    }

    /**
     * The tabs that may serve {@code model}. Rebuilt only when the directory's offers change (connects, tab lists,
     * capabilities) or another model is asked for; before, every request built a candidate and a target per tab.
     */
    Suitable suitable(String model) {
        List<TabDirectory.Offer> offers = tabs.offers();
        Cached cached = last;
        if (cached != null && cached.offers() == offers && Objects.equals(cached.model(), model)) {
            return cached.suitable();
        }
        Suitable fresh = compute(offers, model);
        last = new Cached(offers, model, fresh);
        return fresh;
    }

    private static Suitable compute(List<TabDirectory.Offer> offers, String model) {
        List<Connection> chat = new ArrayList<>();
        List<Candidate> result = new ArrayList<>();
        for (TabDirectory.Offer offer : offers) {
            if (!chatCapable(offer)) {
                continue;
            }
            chat.add(offer.connection());
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
        return new Suitable(List.copyOf(chat), List.copyOf(result));
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
