package org.nixproc.store.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads a URL (http, https, file) to a file, for {@code builtin:fetchurl} and
 * {@code nix-prefetch-url}. Every failure is an IOException saying, as Nix does,
 * "unable to download 'URL': why"; redirects are followed.
 */
public final class Downloads {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private Downloads() {
    }

    /** Writes what {@code url} names to {@code target} (replaced if it exists). */
    public static void download(String url, Path target) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw failed(url, "malformed URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "file" -> copyFile(url, uri, target);
            case "http", "https" -> fetchHttp(url, uri, target);
            default -> throw failed(url, "unsupported URL scheme '" + scheme + "' (http, https and file are)");
        }
    }

    private static void copyFile(String url, URI uri, Path target) throws IOException {
        try {
            Files.copy(Path.of(uri), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw failed(url, "no such file");
        } catch (IllegalArgumentException e) {
            throw failed(url, "malformed file URL");
        } catch (IOException e) {
            throw failed(url, e.toString());
        }
    }

    private static void fetchHttp(String url, URI uri, Path target) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw failed(url, "timed out connecting to '" + uri.getHost() + "'");
        } catch (ConnectException | UnknownHostException e) {
            if (unresolved(e)) {
                throw failed(url, "could not resolve host '" + uri.getHost() + "' (is this machine offline? "
                        + "'nix-store --add-fixed sha256 FILE' adds a file you already have)");
            }
            throw failed(url, "could not connect to '" + uri.getAuthority() + "'");
        } catch (IOException e) {
            throw failed(url, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failed(url, "HTTP error " + response.statusCode());
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // An unknown host comes as a ConnectException caused (a level or two down) by an UnresolvedAddressException.
    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static IOException failed(String url, String why) {
        return new IOException("unable to download '" + url + "': " + why);
    }
}
