package dev.tabrelay.simulator;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Real PNG images of a given size, drawn headless, so screenshot consumers can decode what they get. */
public final class PngImages {

    private PngImages() {
    }

    /** A gradient with the caption (tab id, counter) written on it. */
    public static byte[] render(int width, int height, String caption) {
        if (width < 1 || height < 1 || (long) width * height > 50_000_000L) {
            throw new IllegalArgumentException("screenshot size out of range: " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(0x1e3a8a), width, height, new Color(0x60a5fa)));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            drawCaption(g, caption, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The caption is decoration: a minimal container image (FROM scratch) has no fonts or fontconfig, where the
     * JDK's font manager fails with an Error; the screenshot is still a valid PNG without the text.
     */
    private static void drawCaption(Graphics2D g, String caption, int height) {
        try {
            g.drawString(caption, 4, Math.min(height - 2, 16));
        } catch (RuntimeException | LinkageError | InternalError noFonts) {
            // keep the gradient only
        }
    }
}
