package com.contoso.media.e2e;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;

/** Reads back what an {@link HttpRequest} will send, so the contract check sees the body too. */
final class RequestBody implements Flow.Subscriber<ByteBuffer> {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private RequestBody() {
    }

    static String of(HttpRequest request) {
        RequestBody collector = new RequestBody();
        // The JDK's string and byte-array publishers emit synchronously on request().
        request.bodyPublisher().ifPresent(publisher -> publisher.subscribe(collector));
        return collector.bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
    }

    @Override
    public void onError(Throwable throwable) {
        throw new IllegalStateException(throwable);
    }

    @Override
    public void onComplete() {
    }
}
