package com.contoso.media.messaging;

import java.util.List;

/** Port: sends messages to one topic or queue. Throws when the entity did not take them; then resend all. */
public interface MessageSender {

    void send(List<BusMessage> messages);
}
