package com.contoso.media.intake;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Storage BlobCreated notification, reduced to what intake needs. Event Grid's subject has the form
 * {@code /blobServices/default/containers/{container}/blobs/{name}}; the local runtime builds the same.
 */
public record BlobCreated(String container, String blobName) {

    private static final Pattern SUBJECT = Pattern.compile("^/blobServices/default/containers/([^/]+)/blobs/(.+)$");

    public static Optional<BlobCreated> fromSubject(String subject) {
        Matcher m = SUBJECT.matcher(subject == null ? "" : subject);
        return m.matches() ? Optional.of(new BlobCreated(m.group(1), m.group(2))) : Optional.empty();
    }

    public String subject() {
        return "/blobServices/default/containers/" + container + "/blobs/" + blobName;
    }
}
