from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "attachment" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "resource_id" VARCHAR(255) NOT NULL,
    "sender" VARCHAR(64) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "display_name" VARCHAR(255),
    "senders_reference" VARCHAR(4096) NOT NULL,
    "data_location_type" VARCHAR(40) NOT NULL /* ALTINN_CORRESPONDENCE_ATTACHMENT: ALTINN_CORRESPONDENCE_ATTACHMENT\nEXTERNAL_STORAGE: EXTERNAL_STORAGE */,
    "url" VARCHAR(2048),
    "is_encrypted" INT NOT NULL,
    "expiration_in_days" INT,
    "expires_at" TIMESTAMP,
    "created" TIMESTAMP NOT NULL,
    "status" VARCHAR(32) NOT NULL /* INITIALIZED: INITIALIZED\nUPLOAD_PROCESSING: UPLOAD_PROCESSING\nPUBLISHED: PUBLISHED\nPURGED: PURGED\nFAILED: FAILED\nEXPIRED: EXPIRED */,
    "status_text" VARCHAR(1024),
    "status_changed" TIMESTAMP NOT NULL,
    "expected_checksum" VARCHAR(32),
    "checksum" VARCHAR(32),
    "sha256" VARCHAR(64),
    "size" BIGINT,
    "wrapped_key" BLOB,
    "key_id" VARCHAR(64),
    "chunk_size" INT,
    "has_content" INT NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_attachment_sender_f574b6" ON "attachment" ("sender");
CREATE INDEX IF NOT EXISTS "idx_attachment_expires_11e9ec" ON "attachment" ("expires_at");
CREATE INDEX IF NOT EXISTS "idx_attachment_key_id_f10f9d" ON "attachment" ("key_id");
CREATE INDEX IF NOT EXISTS "idx_attachment_status_87d77a" ON "attachment" ("status", "expires_at");
CREATE INDEX IF NOT EXISTS "idx_attachment_status_cc5af6" ON "attachment" ("status", "status_changed");
CREATE INDEX IF NOT EXISTS "idx_attachment_has_con_ae12da" ON "attachment" ("has_content", "status");
        CREATE TABLE IF NOT EXISTS "correspondence_attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "attachment_id" CHAR(36) NOT NULL REFERENCES "attachment" ("id") ON DELETE CASCADE,
    "correspondence_id" CHAR(36) NOT NULL REFERENCES "correspondence" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_corresponde_corresp_7abb11" UNIQUE ("correspondence_id", "attachment_id")
) /* One correspondence's use of one attachment; an attachment serves many correspondences. */;
        CREATE TABLE IF NOT EXISTS "notification_order" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "creator" VARCHAR(64) NOT NULL,
    "idempotency_id" VARCHAR(255),
    "senders_reference" VARCHAR(4096),
    "is_reminder" INT NOT NULL,
    "main_order_id" CHAR(36),
    "requested_send_time" TIMESTAMP NOT NULL,
    "recipients" JSON NOT NULL,
    "resource_id" VARCHAR(255),
    "channel" VARCHAR(16) NOT NULL /* EMAIL: EMAIL\nSMS: SMS\nEMAIL_PREFERRED: EMAIL_PREFERRED\nSMS_PREFERRED: SMS_PREFERRED\nEMAIL_AND_SMS: EMAIL_AND_SMS */,
    "template" VARCHAR(32) NOT NULL /* CUSTOM_MESSAGE: CUSTOM_MESSAGE\nGENERIC_ALTINN_MESSAGE: GENERIC_ALTINN_MESSAGE */,
    "language" VARCHAR(2) NOT NULL,
    "email_subject" VARCHAR(512),
    "email_body" TEXT,
    "email_content_type" VARCHAR(8) NOT NULL /* PLAIN: PLAIN\nHTML: HTML */,
    "email_from_address" VARCHAR(320),
    "sms_body" TEXT,
    "sms_sender_number" VARCHAR(32),
    "condition_endpoint" VARCHAR(2048),
    "condition_failures" INT NOT NULL,
    "ignore_reservation" INT NOT NULL,
    "use_stale_contact_information" INT NOT NULL,
    "override_registered_contact_information" INT NOT NULL,
    "sending_time_policy" VARCHAR(8) NOT NULL /* DAYTIME: DAYTIME\nANYTIME: ANYTIME */,
    "status" VARCHAR(32) NOT NULL /* REGISTERED: REGISTERED\nPROCESSING: PROCESSING\nPROCESSED: PROCESSED\nCOMPLETED: COMPLETED\nSEND_CONDITION_NOT_MET: SEND_CONDITION_NOT_MET\nCANCELLED: CANCELLED */,
    "status_reason" VARCHAR(1024),
    "process_after" TIMESTAMP NOT NULL,
    "claimed_at" TIMESTAMP,
    "recipient_lookup" JSON NOT NULL,
    "created" TIMESTAMP NOT NULL,
    "processed" TIMESTAMP,
    "correspondence_id" CHAR(36) REFERENCES "correspondence" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_creator_dc08a2" UNIQUE ("creator", "idempotency_id")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_main_or_8ed48c" ON "notification_order" ("main_order_id");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_ae429d" ON "notification_order" ("status", "process_after");
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel" VARCHAR(8) NOT NULL /* EMAIL: EMAIL\nSMS: SMS */,
    "address" VARCHAR(320),
    "recipient" VARCHAR(64),
    "recipient_name" VARCHAR(255),
    "status" VARCHAR(40) NOT NULL /* NEW: NEW\nSENDING: SENDING\nSUCCEEDED: SUCCEEDED\nACCEPTED: ACCEPTED\nDELIVERED: DELIVERED\nFAILED: FAILED\nFAILED_RECIPIENT_RESERVED: FAILED_RECIPIENT_RESERVED\nFAILED_RECIPIENT_NOT_IDENTIFIED: FAILED_RECIPIENT_NOT_IDENTIFIED\nFAILED_INVALID_EMAIL_FORMAT: FAILED_INVALID_EMAIL_FORMAT\nFAILED_INVALID_RECIPIENT: FAILED_INVALID_RECIPIENT\nFAILED_BOUNCED: FAILED_BOUNCED\nFAILED_UNDELIVERED: FAILED_UNDELIVERED\nFAILED_TTL: FAILED_TTL */,
    "status_reason" VARCHAR(1024),
    "planned_send_time" TIMESTAMP NOT NULL,
    "due_at" TIMESTAMP NOT NULL,
    "sent_time" TIMESTAMP,
    "message_id" VARCHAR(255),
    "gateway_reference" VARCHAR(255),
    "attempts" INT NOT NULL,
    "claimed_at" TIMESTAMP,
    "claim_token" CHAR(36),
    "status_changed" TIMESTAMP NOT NULL,
    "order_id" CHAR(36) NOT NULL REFERENCES "notification_order" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_order_i_7eee41" UNIQUE ("order_id", "channel", "address")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_message_a057ba" ON "notification" ("message_id");
CREATE INDEX IF NOT EXISTS "idx_notificatio_gateway_10f0f4" ON "notification" ("gateway_reference");
CREATE INDEX IF NOT EXISTS "idx_notificatio_claim_t_f9dcd3" ON "notification" ("claim_token");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_004575" ON "notification" ("status", "channel", "due_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_order_i_363221" ON "notification" ("order_id", "status");
        CREATE TABLE IF NOT EXISTS "notification_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "attempted_at" TIMESTAMP NOT NULL,
    "result" VARCHAR(40) NOT NULL /* NEW: NEW\nSENDING: SENDING\nSUCCEEDED: SUCCEEDED\nACCEPTED: ACCEPTED\nDELIVERED: DELIVERED\nFAILED: FAILED\nFAILED_RECIPIENT_RESERVED: FAILED_RECIPIENT_RESERVED\nFAILED_RECIPIENT_NOT_IDENTIFIED: FAILED_RECIPIENT_NOT_IDENTIFIED\nFAILED_INVALID_EMAIL_FORMAT: FAILED_INVALID_EMAIL_FORMAT\nFAILED_INVALID_RECIPIENT: FAILED_INVALID_RECIPIENT\nFAILED_BOUNCED: FAILED_BOUNCED\nFAILED_UNDELIVERED: FAILED_UNDELIVERED\nFAILED_TTL: FAILED_TTL */,
    "transient" INT NOT NULL,
    "detail" VARCHAR(1024),
    "notification_id" CHAR(36) NOT NULL REFERENCES "notification" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notification_attempt";
        DROP TABLE IF EXISTS "notification_order";
        DROP TABLE IF EXISTS "correspondence_attachment";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "attachment";"""


MODELS_STATE = (
    "eJztPWtzo7iWf4Xyl+2pmu1K0ulXdmurHIekuePglE1mumc8RRFbcdhg8OXR3b53+7+vJF"
    "4CCYwI2JjWlwRLOgLOQUfnpXP+PVg7S2B5r4cL3/xq+tvBhfTvgW2sAbyg+n6VBsZmk/ag"
    "Bt94sPBggxz14PkubIDtj4blAdi0BN7CNTe+6diw1Q4sCzU6CzjQtFdpU2Cb/wyA7jsr4D"
    "8BF3b89TdsNu0l+A68+OfmWX80gbXMPK65RPfG7bq/3eC2S3Ol2P41Hotu+KAvHCtY2+n4"
    "zdZ/cuwEwLR91LoCNnANH6A7+G6A3gA9YPSy8UuFD5sOCZ+SgFmCRyOwfOKNH/S0baDr6k"
    "TTZ7Km6wMOHC0cG+EXPqqHEbBCj/CfH8/O3rx5f3by5t2Ht+fv37/9cPIBjsXPS3e9/xE+"
    "TIqtcCqMM+VGUTX0QA4kYkhd1PADwxi+EUJhYqTYxwik8D96MlzZDtaYAgp8bMNeAIoSMW"
    "yOFvAl87SIMV9GjLghpUb6EdYnx+Du/nKszD7JVxdScjm3o0v9eqiMia7o99y+lrURhoku"
    "5vZUHsKf6O/cHk3Ua2V6i/qTy7k9nI4+Kb+jxvhqbt+raWt6je4/vZGv9Msv+lQeKXeKrG"
    "roIahGcuRwrCmqSg4LW+CdNW04+nQLx8/0q8kf6ngyvMLPwWyf26r8uzzVwzdKr+N24u1y"
    "DXDERFOuldFQUyYqRDl6aqopNypGMaMRYhLeWMN4DC8QnmfyFOMrvhpUW05r47tuAXvlP8"
    "Gfb85KVsrviA7D6as3Z79kl4sa9ZzhLrRw0oXiLBaB64Klbvj0ermC37lvrgGbY+VAc8tl"
    "GcG+ji+6s3gq87ISZGvKrTzThrd3aPq15/3TwgiDxEY9Z7h1m2t99S5HmGQS6Q9F+yShn9"
    "KfE1XG6HQ8f+XiO6bjtD8H6JmMwHd02/mmG0sSJ3Fz3JQhNNwAHZfNEtnkTQBq8cFoy+kK"
    "JbPL6N15hWX07rxwGaGu7DLywXfG+ilGbjy+f7g9PTmrgl00rBC/YWcWwwsH8hpv48B3hJ"
    "u2zhKv7u+VKza6mcA53AeBuXyNpugXowq3hJDzkDwFv+mPH0h+fXxmylBZpNHovnZcYK7s"
    "38CWkqdyqI1E9xE14XGiOW1NF6NrfEuUAPbnBvEBsQD8kDMMZyMotAww/h+MxfM3w13qGU"
    "KgHufMybUkY+mu9dk632LYxgqjCb0PevpYifJ9Y/G0BvgNaBUr7S1XsrLj2lSz/oKs0fAD"
    "fH/wfWNC9CKxA44ie8IrffFk2Oi1ce+T4SGC+dFTRoP/5tLbihlL85xkt/I2+O/HwF4gpE"
    "r4TujP+f8MOsdayvQzONIJ3AI+Xrxt5sC6rKHV3D7P3r6tsHvCUYWbJ+7L7p0egK/GJfyl"
    "EG3heK82iZalv0fTAjr+wYHiDJD4kqt9yUvT21jGlhvZebj+yd0tMg5Pd8EjcNlS4C4ekg"
    "Pu4Yd+fvLxXQXUo2GFuA87c9862jwtZ2Ggx9NfYtFkz9RlUgxCG6A+mkyn8uxuol7J6kjW"
    "U8vfhbRrxNyWP2vyVB2O9Zk2mQ5v5Asp31LHBnd+UonYJaTOEzpwLZ51FQ3vIQs7Of9QhY"
    "fBYcVMDHdm8Wt6OmQ/7naD0EIh+tJxLGDYBfJ9DjSH9AcI29aiSVr2K9RfTibjjE3zUsl5"
    "X9T720t5+uoU0wAOMv2MUybFO1bUQp5jQuXX2Ho09gv9YWzg3f6xI/joQw/Z2en5+/MPb9"
    "6dJ46xpKXMH1aA5lAfptBbbsHPQjZgwN+N6X2K/X0y3y9cYDDZVzmFCTDhn+k0gVMrVh0J"
    "L4XutFSnqIqmDMfKn8gRSvyY2/d3yIur300nI3k2U9SbC4lqSvzblNcbeY5jD/Lcjl2zsT"
    "dW/nynTFFDdNENz2tkrOT1HOXA+icFtuVAyhmHORkpDS34aaf5KZRtwAJiHpIMLJ69YM2z"
    "yJjA/VtqzTO1OsgWOObcOJ6Ms7fvuPaMBKJ/+G3emu+Z/2JY2spiN2OIHmmne4nfTHH+zT"
    "U2G8hvn8GWhXrbcLds1OcA8/aZrQ+846NBGTrHk8vMFgw/5EtFHU6/vLodfv4lsw+PJ+pN"
    "PJ7cXi+/aPIwRwCIP05fbArRElPpk4dw8RTYzzqbsxSylSxQj5hLY6avXHAHh2E3Bynsuj"
    "vsulScWHHgUmHMnmXazwwLx2U0y/VvU2Bhiy+DIswQsmyg0nEqW1Qw2Y82A79G8JMPY7So"
    "qK+469eykK8FMWhXvNdAewJSBCAZ9lKClAPuV0xheL0yPR+40qvfptNfXudNMrywLzioY+"
    "NJDQtuZvBDMv2tbgfrB75wmbI5mjHIHfZMT9ZAc1rFPHNabJw5/WVHdBhYGyaXSzQB6J9+"
    "8+asir8ZjirRICmP89p5MC2uYI4Uon8oroThEgTT+A25Fbe3mQQTEgmHp9kyPB/tpI+mu+"
    "a37dLQe3GFdkWlPArTLof82a78lDnCwBSj8occyqQpamyjQfR/EXG8UDJZbxyo7yy22Fjy"
    "NxVh74KFuTGzcfKIesGDZXpPabh9Ghqc72HCiEh7EWnfQRuPCLQ/QjNaiC3u6O8cWJdDJL"
    "r0Na+B58FtUOf/qmnIHmoNIuC+ZwH3GQGo+kZJAPUQ2c0zccuwVwHkDjxYJmF6iOQqMQLF"
    "IQJUhEDMfn3T57Ty5AH7iOtWt8pgvTZchg+7wl6ZgorNkgvpD86SgXENfC/wq+bhevGRlx"
    "l45M9axrYTY5UdMhAPJ6gwQlEE+c0SvraHYuRiZT82jPGY3opnESa4rpngSOpH1OK3tWYA"
    "BY27TONlAHREiVoLmwIWtO4yrQ3LggDeFrLidZSmRjcefZbWX0730onEN9Dlb8D0YidYeO"
    "zSBmBZ58BswSTCocnh0IzRiMNJDEYsRCUiENAC+zzYX9mOC3Qi5oiXAMwJBA04aLBxnQ1w"
    "/a0OxUWGQe4fs4laIGHmAfO7jrnwpf+T4t42sE/4DR8C0/JN23uNbnsI1yFCVLnyl9fzcl"
    "sLmiCv/EHVGrgo3i0xNTPiOotJVADeDUKh+/WGUC7YWFvdwc/JRSIKUBCnceLkQzIo8pRF"
    "Q1CgLwiNOB6hemcghMiY8DPpK4a7eDL54yxzkEIu45DLfvI8FaiiwBf9ejLVowQUYfGETF"
    "NRnory6gtT+W6shAUC8EVRPYaGaywwqjvQtQronBp8tRkGlT7gtg9Omyg0wqjBLGIowShq"
    "mDDYEdkVjUiCQfMrzmnsLafok4UU0k+npR/PcX19GXA7Zkg4QeJOkxj50DauswCex81CKV"
    "jBQzl4aHQyXN8ELjNXVCnqaWCB+zZOl0c1/kyW7ZHnTDlZUfA4uR19hjzj201OyYsT+PzY"
    "ixK/PZme77AC++rjboZnlm3f7e2nZzu++WhGeccdF0WnvwyDKjHhxI3OFhyldXPfeR8KVu"
    "3OE4xViwHlcn1w1gYaTGyU74Gc4j88KfCA5DxKDuxL5/svybCJnxI+Mu1J8NW3uRk8Oq1E"
    "e7dhHr9kHPBM8ZI/gcl1UFKUkkV9+yglC6V6kx0CUEgAEqRW2qauMfum8zYRIgnfKWAKUB"
    "TxE3US94FiSkMRdRL3WieRzT0aQHYvNZg8oim22aVilMVa0U7hNKdCVZZOUzdky1UrmV84"
    "cXdcY5kvRYaQ/PYl+QlXt3B1H6mrWxSXEMUluimr9MIzF+7bHAsrAejfkmohWbZQYYUK2w"
    "00N6nCHka7uoIPsjKi16fUKaK3VH9aZsc1nKWwLH2y464M2/xXdJowaSbz073IkP6z6FIv"
    "tN0Wa0nHkT+bZifHn0A7pUHBIqmK/gLw/mH+YwXEfyzE+0dGmucO59Y8oEzYWLofjsCgNj"
    "dRMuyAtY1m+ks3Ujs/suGt1ImDIpAyaQMcZwYVG/jJeYyUv6mNihiOQgfjlL54uqzZUiT0"
    "3YdDr3i/JShVxyxJgHeZ8Qzk26EyvpDwv7k9u51dSPBPHetalZryxQXlqWry8WriYPgESP"
    "/0/1YKVBwoFWenEd28oSVBGHdGZRqyf/huJ8Hv0fmUBqr8B+cOiUAuJPgHMm5ZvcLVvKML"
    "2HI/Gsky9qAkl3N7CK/uNOxWia7m9pU8Vn6XceXu5JJ2z4T/U2eQnvp0CrsYUOh1lCt4pV"
    "wrTNjsgGQGBZJ7rFzpeKNCrrHboZZAszopSMK3VdSTwFxO7tUR8XjR76T/XiWQRrcl4zRt"
    "nPTD6zrb6nkVtn9ezPXPKaYfuUFcYHiscLudbqsUsH/MqC3H1cZC4uASZ2qvleiPOYFwX3"
    "XafRVpeJyUTqEEeTtNXg/JZXXWcgZQJGvsMo3jHNZ8lscsVO/qNrcisa8gLr4Z23olOZjA"
    "Au9V8G74PlhvfIauVOiyI0H2d+7ipC0cN3zoYmEZkG0va+z8WUixMXR5Y8C00n3nGTBUqJ"
    "KwmSxYq8nk9smomjlUI8L7fqo1RHq9qi4gEkaEm5WHmyVOyhdGmdU5Dd5RBO8MNCO/L974"
    "Mkqo0i1nReO/7kH8YThpj5Df6ll8Fup2xBQQGK4WWqAbBESbR5zE0aVOHl2KyF9L2s/DCm"
    "Gl08IKnArhhiJyNY9iCt3paBDhUBQORX6HIryV7bGjSEozuGXgRPI2jsR5S+AbZkFsWoFX"
    "KYEQTtuqTtuMpMenpjJAhbZarq3mQ3YbVFqPF8U79VXGh9alY1G06WCHCpbYFyoqYImNo+"
    "kIb1ygIjxMSlYBYZyDIuO7o1ywUS0+EcN94BjulIZV90kCpMuSemdiW3NrgwPTNGT/JJN2"
    "YluBjTJ81vOUM4H7h/jzk4/vKqk5H/M2BVLRQZ2M2hZr9IoMrrK7vkUKKdQdDnVnDe+n1/"
    "EWUYDC4ZozasV14WsHphZMIayZHbdmRgdLOKsVklD7L1V4GOK2VDHyYGeaO71xtyIx/dRn"
    "Oed2aMW+m8rX8hQbmHMNeCzZn/kZww/VKx3PmflZxwJ9WkU0Oy0WzE4psQx50ixIgLoUJu"
    "H3eORrdD/TJrc6ZOez4Y3MqVvnoC+k7O+5fSOr8lQZRYn50nHs9jqEbD6hnmXYq8BYcak0"
    "JMweiWc/tGUMyXHEKvywmBvmMQygTGzpXvDwv2DBdeyXAuzf5vP2tAqy4ahCdOM+FsIfnC"
    "WjqokGvhfEaWSh+oDqMvFZ/qyVS1iJ9DyeqDfx8LzYxcJ7XCUKo67m7sCeaY+s5m48VFTe"
    "7QEDXUj439z+pN1C0QD9rcPoG87tECL00XXWeo00D2zoPiyRPWR88NYeNy8iYfqA5n1zIo"
    "S/0O5aI2kYE7gPVGhblIS3W+LyMDrE3sYx+ZKcsKH7h/ezk/MqzB0NK5YxcWcR9h8htw5c"
    "VvXAwiBVNrA4akbVfl7Zjgt0iB/gfi0InCh3SjAnEL4JDt9E4OE6FxbAAqKx8HXTfnTcdR"
    "1y7JxLUIaDMs5X4LrmEn3eK9PzgQuWDdCIY1ZBLQ5qIRkHPgV2IOkbxzIXDBm1Yvom9lR7"
    "VNiuhl+Ql4ZXZYvALqToYm4P1agluuiA8naEqbWm8o0y01AgNS9FUkhUuiS+ntt308lIns"
    "1whHx6nbTjMi3xJSq7cns3lrWw7Ep0GYbY66OJeqVoykTFj3Era2HEPd0OZxmqI3mMY+iT"
    "y25YbUVGqQNklMpEGlI435FNKg8s3PWddteLnBI/A5XTbJ+W4zwHG5rWFUIzCNj9B2gQQc"
    "MPgWn5pu29Rrc9RNxwK2EbODyYPzUFASY4bafXYLQz8pM4Ayj4bJdp3KnCV8dD52Oue9VN"
    "LO+n7BX7iB1Dg6+bmOR4t6z9ZiSZEPV/BoxzcJn+X8uOwDn5kQfJPdLlckiHTU7SfDWkss"
    "JgfDUFXlRJoGvreA/BwxvDRWrVCz/28ll6l6q0gW+ekicOc4KZZMqZXFFR6NEOPs4Cqcza"
    "9WyuKQJ8F78faE8AquCeaUMIiZxGiqaRYv/VheTYQHKdb9IGuHHv67xhuZEJC0ppMZdEBJ"
    "eE2xVV1+I6Yv2zpMVqrQpll7f8nvE/RjGsF0Wx5ufo8v4vypIdjczVWJRqR/b7O+B6bPUs"
    "6indvTfpmIOoZMdRJbhDyllTRYKFfrZP/awjvGIancZlcYukr5RfuOSog3CMLhVX7hBfaN"
    "CUUCJNf4P4ealloXQSIVlniUJJ1nB/s4AenuWsinESRnDpala0CGdc0WEkTP8Cw1pEM6sm"
    "yS40MwuSCDSz0Wx6yHX0GArIBiOxxK5UUHloESrOESruAnQQF210S2PLc66IBqx1pqhr33"
    "sDNr+uCNSOxRamUXu5IB2PaDgNaJkyXCBzoUeBH90SCFv1QW3Vx2EL6ZJs3ZQxRPgLDqzV"
    "pCyIA9kZoB7qNc2knerITnnvAbeiO7poaOl+Gngo4UBt9/MwdQsbUmgUl9IDk9Kj42Z8yH"
    "DUgxP42HFMrnnaDd3kxI1s+GKPF3v8Me00Yo/vyR6P0yDxIDoB6J+Rp5VUSWvnwbS4JKgU"
    "on8oroThEgR3ysk/BK65eGIJS1FPqWxkpGM6U/NRSBIvlCS+QlmSmQ2keLkTID1Ul1oxnK"
    "NFxYHhaHgPsXt6UoWfwlElSQGoHStKUUljuPjcMAEi8rlzHgw+6Gb24/8BvkDr+A=="
)
