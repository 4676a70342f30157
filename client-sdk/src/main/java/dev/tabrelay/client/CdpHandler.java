package dev.tabrelay.client;

import dev.tabrelay.protocol.ops.CdpCommand;

import java.util.Map;

/**
 * Runs a Chrome DevTools Protocol command on a tab. The result goes back as {@code cdp-result} with the command's
 * id; an exception becomes a {@code cdp-result} carrying a CDP error (code {@code -32000}, the message).
 */
@FunctionalInterface
public interface CdpHandler {
    Map<String, Object> execute(CdpCommand command) throws Exception;
}
