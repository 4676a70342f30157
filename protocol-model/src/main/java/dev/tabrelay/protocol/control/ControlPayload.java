package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Payload;

/** Connection lifecycle, liveness, errors, acknowledgements and subscriptions. */
public sealed interface ControlPayload extends Payload
        permits ConnectionInit, ConnectionAck, ConnectionClose, Heartbeat, ErrorFrame, Ack, Subscribe, Unsubscribe,
        Capabilities {
}
