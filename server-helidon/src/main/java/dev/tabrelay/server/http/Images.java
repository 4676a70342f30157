package dev.tabrelay.server.http;

import java.util.Base64;

/** Screenshot payloads arrive as data URLs or bare base64; HTTP callers want bytes and a MIME type. */
public final class Images {

    public record Decoded(String mimeType, byte[] bytes) {
    }

    private Images() {
    }

    public static Decoded decode(String base64OrDataUrl, String requestedFormat) {
        if (base64OrDataUrl == null || base64OrDataUrl.isEmpty()) {
            throw new IllegalArgumentException("the extension sent no image data");
        }
        String mime = "jpeg".equalsIgnoreCase(requestedFormat) ? "image/jpeg" : "image/png";
        String data = base64OrDataUrl;
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException("malformed data URL from the extension");
            }
            String header = data.substring(5, comma);
            int semi = header.indexOf(';');
            String declared = semi >= 0 ? header.substring(0, semi) : header;
            if (!declared.isEmpty()) {
                mime = declared;
            }
            data = data.substring(comma + 1);
        }
        try {
            return new Decoded(mime, Base64.getMimeDecoder().decode(data));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the extension's image is not valid base64: " + e.getMessage());
        }
    }
}
