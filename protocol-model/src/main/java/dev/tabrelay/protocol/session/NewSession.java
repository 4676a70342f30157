package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Create (or replace) the session of a tab, naming the ports its relay uses.")
public record NewSession(@Required String tabId, Integer apiPort, Integer socketPort) implements SessionPayload {
}
