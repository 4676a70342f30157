package dev.tabrelay.client;

import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;

/**
 * Typed tab events for an {@link EventClient}. Every method has a no-op default. {@link #onEvent} sees every
 * event first (including types added to the protocol later), then the typed method runs. Called on the client's
 * callback thread, one at a time, in arrival order.
 */
public interface EventListener {

    default void onEvent(TabEvent<?> event) {
    }

    default void onConsoleLog(TabEvent<ConsoleLog> event) {
    }

    default void onConsoleError(TabEvent<ConsoleError> event) {
    }

    default void onNetworkRequest(TabEvent<NetworkRequest> event) {
    }

    default void onNetworkError(TabEvent<NetworkError> event) {
    }

    default void onElementSelected(TabEvent<ElementSelected> event) {
    }

    default void onNavigation(TabEvent<Navigation> event) {
    }
}
