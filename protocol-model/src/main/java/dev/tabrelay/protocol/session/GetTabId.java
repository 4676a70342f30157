package dev.tabrelay.protocol.session;


import dev.tabrelay.protocol.Description;

@Description("Ask which tab the sender speaks for.")
public record GetTabId() implements SessionPayload {
}
