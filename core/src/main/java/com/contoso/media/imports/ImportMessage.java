package com.contoso.media.imports;

import com.contoso.media.json.Json;

/** The queue message that asks for the next slice of an import's fetch. */
public record ImportMessage(String tenantId, String uploadId) {

    public String toJson() {
        return Json.write(this);
    }

    public static ImportMessage parse(String body) {
        return Json.read(body, ImportMessage.class);
    }
}
