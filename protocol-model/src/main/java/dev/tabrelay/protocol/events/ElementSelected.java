package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("The user selected an element.")
public record ElementSelected(@Required SelectedElement element) implements EventPayload {
}
