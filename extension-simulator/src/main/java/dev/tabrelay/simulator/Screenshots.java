package dev.tabrelay.simulator;

import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.ScreenshotResponse;

import java.time.Duration;
import java.util.Base64;

/** Takes a simulated tab's screenshot: a real PNG of the configured size, after the configured fault delay. */
final class Screenshots {

    private Screenshots() {
    }

    static ScreenshotResponse take(TabSpec tab, Context ctx) throws InterruptedException {
        Simulator.Settings s = ctx.settings();
        pause(s.faults().replyDelay());
        byte[] png = PngImages.render(s.screenshotWidth(), s.screenshotHeight(),
                tab.tabId() + " #" + ctx.stats().screenshots.get());
        ctx.stats().screenshots.incrementAndGet();
        ctx.out().line(tab.tabId(), "screenshot " + s.screenshotWidth() + "x" + s.screenshotHeight()
                + " " + png.length + " bytes");
        return new ScreenshotResponse(true, null, "data:image/png;base64," + Base64.getEncoder().encodeToString(png),
                (long) png.length, new ImageDimensions(s.screenshotWidth(), s.screenshotHeight()), null);
    }

    // The delay is the injected fault itself, not a way to wait for something.
    private static void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }
}
