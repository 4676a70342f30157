package dev.tabrelay.simulator;

import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.browcall.BrowcallExtensionFrames;
import dev.tabrelay.protocol.dialect.browcall.BrowcallServerFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayExtensionFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayRequestIds;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayServerFrames;

/**
 * The two codecs of one legacy connection, used the other way round from the relay: {@code fromServer} decodes
 * what the relay sends, {@code toServer} encodes what the legacy extension would send. One per connection,
 * because legacy ids (Chat Relay) and cumulative answers (Browcall) are per connection.
 */
record LegacyWire(String clientType, DialectCodec fromServer, DialectCodec toServer) {

    static LegacyWire chatRelay() {
        LegacyJson json = LegacyJson.defaults();
        Envelopes envelopes = Envelopes.system();
        ChatRelayRequestIds ids = new ChatRelayRequestIds();
        return new LegacyWire(ChatRelayExtensionFrames.CLIENT_TYPE, new ChatRelayServerFrames(json, envelopes, ids),
                new ChatRelayExtensionFrames(json, envelopes, ids));
    }

    static LegacyWire browcall() {
        LegacyJson json = LegacyJson.defaults();
        Envelopes envelopes = Envelopes.system();
        return new LegacyWire(BrowcallExtensionFrames.CLIENT_TYPE, new BrowcallServerFrames(json, envelopes),
                new BrowcallExtensionFrames(json, envelopes));
    }
}
