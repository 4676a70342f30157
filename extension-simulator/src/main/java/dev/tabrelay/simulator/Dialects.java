package dev.tabrelay.simulator;

/** Creates the tab implementation for the configured dialect. */
final class Dialects {

    private Dialects() {
    }

    static SimulatedTab create(TabSpec tab, Context ctx, long seed) {
        return switch (ctx.settings().dialect()) {
            case CANONICAL -> new CanonicalTab(tab, ctx, seed);
            case CHAT_RELAY -> new LegacyTab(tab, ctx, LegacyWire.chatRelay(), ctx.http());
            case BROWCALL -> new LegacyTab(tab, ctx, LegacyWire.browcall(), ctx.http());
            case BROWSER_TOOLS -> new BrowserToolsTab(tab, ctx, ctx.http(), seed);
        };
    }
}
