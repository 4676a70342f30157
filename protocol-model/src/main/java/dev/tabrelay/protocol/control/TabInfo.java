package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

/** One browser tab an extension serves. */
@Description("One browser tab an extension serves.")
public record TabInfo(@Required String tabId, String url, String title) {
}
