package dev.tabrelay.server.connection;

import java.time.Duration;

/**
 * Per-socket limits shared by every endpoint.
 *
 * @param maxFrameBytes      largest text message accepted; larger closes the socket with 1009
 * @param messagesPerSecond  inbound frames allowed per second per connection (0 = unlimited)
 * @param outboundQueue      events queued per socket before the oldest is dropped
 * @param heartbeatInterval  announced in connection-ack; a peer silent for two intervals is closed
 */
public record ConnectionSettings(int maxFrameBytes, int messagesPerSecond, int outboundQueue, Duration heartbeatInterval) {
}
