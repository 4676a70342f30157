package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

/** A CDP error object. */
@Description("A CDP error object.")
public record CdpError(Integer code, @Required String message, Map<String, Object> data) {
}
