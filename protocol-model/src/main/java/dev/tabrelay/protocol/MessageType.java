package dev.tabrelay.protocol;

import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.Capabilities;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.control.Subscribe;
import dev.tabrelay.protocol.control.Unsubscribe;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.CdpResult;
import dev.tabrelay.protocol.ops.LeaseAcquire;
import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseGranted;
import dev.tabrelay.protocol.ops.LeaseQueued;
import dev.tabrelay.protocol.ops.LeaseRelease;
import dev.tabrelay.protocol.ops.LeaseReleased;
import dev.tabrelay.protocol.ops.LeaseRenew;
import dev.tabrelay.protocol.session.Disconnect;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.PollingSession;
import dev.tabrelay.protocol.session.SessionDisconnected;
import dev.tabrelay.protocol.session.SessionInfo;
import dev.tabrelay.protocol.session.SessionStatus;
import dev.tabrelay.protocol.session.TabIdInfo;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every wire type of the canonical protocol: its name on the wire, its payload record, and the seed (or
 * TabRelay addition) it comes from. This is the one registry the codec, the schema exporter and the docs read.
 */
public enum MessageType {
    // seed 002: connection management and DevTools events
    CONNECTION_INIT("connection-init", ConnectionInit.class, Origin.SEED_002),
    CONNECTION_ACK("connection-ack", ConnectionAck.class, Origin.SEED_002),
    CONNECTION_CLOSE("connection-close", ConnectionClose.class, Origin.SEED_002),
    HEARTBEAT("heartbeat", Heartbeat.class, Origin.SEED_002),
    CONSOLE_LOG("console-log", ConsoleLog.class, Origin.SEED_002),
    CONSOLE_ERROR("console-error", ConsoleError.class, Origin.SEED_002),
    NETWORK_REQUEST("network-request", NetworkRequest.class, Origin.SEED_002),
    NETWORK_ERROR("network-error", NetworkError.class, Origin.SEED_002),
    SCREENSHOT_REQUEST("screenshot-request", ScreenshotRequest.class, Origin.SEED_002),
    SCREENSHOT_RESPONSE("screenshot-response", ScreenshotResponse.class, Origin.SEED_002),
    ELEMENT_SELECTED("element-selected", ElementSelected.class, Origin.SEED_002),
    CLEAR_LOGS("clear-logs", ClearLogs.class, Origin.SEED_002),
    // TabRelay additions in seed 002's style
    NAVIGATION("navigation", Navigation.class, Origin.TABRELAY),
    ERROR("error", ErrorFrame.class, Origin.TABRELAY),
    ACK("ack", Ack.class, Origin.TABRELAY),
    SUBSCRIBE("subscribe", Subscribe.class, Origin.TABRELAY),
    UNSUBSCRIBE("unsubscribe", Unsubscribe.class, Origin.TABRELAY),
    CAPABILITIES("capabilities", Capabilities.class, Origin.TABRELAY),
    // seed 001: chat relay
    SEND_CHAT_MESSAGE("SEND_CHAT_MESSAGE", SendChatMessage.class, Origin.SEED_001),
    CHAT_RESPONSE("CHAT_RESPONSE", ChatResponse.class, Origin.SEED_001),
    CHAT_RESPONSE_CHUNK("CHAT_RESPONSE_CHUNK", ChatResponseChunk.class, Origin.SEED_001),
    CHAT_RESPONSE_ERROR("CHAT_RESPONSE_ERROR", ChatResponseError.class, Origin.SEED_001),
    CANCEL_CHAT("CANCEL_CHAT", CancelChat.class, Origin.TABRELAY),
    // seed 000: ConnectWindow sessions
    NEW_SESSION("NewSession", NewSession.class, Origin.SEED_000),
    GET_SESSION("GetSession", GetSession.class, Origin.SEED_000),
    DISCONNECT("Disconnect", Disconnect.class, Origin.SEED_000),
    GET_TAB_ID("GetTabId", GetTabId.class, Origin.SEED_000),
    POLLING_SESSION("PollingSession", PollingSession.class, Origin.SEED_000),
    SESSION_INFO("SessionInfo", SessionInfo.class, Origin.TABRELAY),
    TAB_ID_INFO("TabIdInfo", TabIdInfo.class, Origin.TABRELAY),
    SESSION_STATUS("SessionStatus", SessionStatus.class, Origin.TABRELAY),
    SESSION_DISCONNECTED("SessionDisconnected", SessionDisconnected.class, Origin.TABRELAY),
    // seed 003: ops/CDP, annotation, leases
    CDP_COMMAND("cdp-command", CdpCommand.class, Origin.SEED_003),
    CDP_RESULT("cdp-result", CdpResult.class, Origin.SEED_003),
    CDP_EVENT("cdp-event", CdpEvent.class, Origin.SEED_003),
    ANNOTATION_COMMAND("annotation-command", AnnotationCommand.class, Origin.SEED_003),
    ANNOTATION_RESPONSE("annotation-response", AnnotationResponse.class, Origin.SEED_003),
    LEASE_ACQUIRE("lease-acquire", LeaseAcquire.class, Origin.SEED_003),
    LEASE_GRANTED("lease-granted", LeaseGranted.class, Origin.SEED_003),
    LEASE_QUEUED("lease-queued", LeaseQueued.class, Origin.SEED_003),
    LEASE_RENEW("lease-renew", LeaseRenew.class, Origin.SEED_003),
    LEASE_RELEASE("lease-release", LeaseRelease.class, Origin.SEED_003),
    LEASE_RELEASED("lease-released", LeaseReleased.class, Origin.SEED_003),
    LEASE_EXPIRED("lease-expired", LeaseExpired.class, Origin.SEED_003);

    /** Where a type comes from: a seed document, or TabRelay filling a gap in the seeds' style. */
    public enum Origin { SEED_000, SEED_001, SEED_002, SEED_003, TABRELAY }

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::payloadType, Function.identity()));

    private final String wireName;
    private final Class<? extends Payload> payloadType;
    private final Origin origin;

    MessageType(String wireName, Class<? extends Payload> payloadType, Origin origin) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.origin = origin;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Payload> payloadType() {
        return payloadType;
    }

    public Origin origin() {
        return origin;
    }

    public static Optional<MessageType> forWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    public static MessageType of(Payload payload) {
        MessageType type = BY_PAYLOAD.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a registered payload: " + payload.getClass().getName());
        }
        return type;
    }
}
