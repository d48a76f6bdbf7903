from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notification_order" (
    "id" UUID NOT NULL PRIMARY KEY,
    "creator" VARCHAR(64) NOT NULL,
    "idempotency_id" VARCHAR(255),
    "senders_reference" VARCHAR(4096),
    "is_reminder" BOOL NOT NULL,
    "main_order_id" UUID,
    "requested_send_time" TIMESTAMPTZ NOT NULL,
    "recipients" JSONB NOT NULL,
    "resource_id" VARCHAR(255),
    "channel" VARCHAR(16) NOT NULL,
    "template" VARCHAR(32) NOT NULL,
    "language" VARCHAR(2) NOT NULL,
    "email_subject" VARCHAR(512),
    "email_body" TEXT,
    "email_content_type" VARCHAR(8) NOT NULL,
    "email_from_address" VARCHAR(320),
    "sms_body" TEXT,
    "sms_sender_number" VARCHAR(32),
    "condition_endpoint" VARCHAR(2048),
    "condition_failures" INT NOT NULL,
    "ignore_reservation" BOOL NOT NULL,
    "use_stale_contact_information" BOOL NOT NULL,
    "override_registered_contact_information" BOOL NOT NULL,
    "sending_time_policy" VARCHAR(8) NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "status_reason" VARCHAR(1024),
    "process_after" TIMESTAMPTZ NOT NULL,
    "claimed_at" TIMESTAMPTZ,
    "recipient_lookup" JSONB NOT NULL,
    "created" TIMESTAMPTZ NOT NULL,
    "processed" TIMESTAMPTZ,
    "correspondence_id" UUID REFERENCES "correspondence" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_creator_dc08a2" UNIQUE ("creator", "idempotency_id")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_main_or_8ed48c" ON "notification_order" ("main_order_id");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_ae429d" ON "notification_order" ("status", "process_after");
COMMENT ON COLUMN "notification_order"."channel" IS 'EMAIL: EMAIL\nSMS: SMS\nEMAIL_PREFERRED: EMAIL_PREFERRED\nSMS_PREFERRED: SMS_PREFERRED\nEMAIL_AND_SMS: EMAIL_AND_SMS';
COMMENT ON COLUMN "notification_order"."template" IS 'CUSTOM_MESSAGE: CUSTOM_MESSAGE\nGENERIC_ALTINN_MESSAGE: GENERIC_ALTINN_MESSAGE';
COMMENT ON COLUMN "notification_order"."email_content_type" IS 'PLAIN: PLAIN\nHTML: HTML';
COMMENT ON COLUMN "notification_order"."sending_time_policy" IS 'DAYTIME: DAYTIME\nANYTIME: ANYTIME';
COMMENT ON COLUMN "notification_order"."status" IS 'REGISTERED: REGISTERED\nPROCESSING: PROCESSING\nPROCESSED: PROCESSED\nCOMPLETED: COMPLETED\nSEND_CONDITION_NOT_MET: SEND_CONDITION_NOT_MET\nCANCELLED: CANCELLED';
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(8) NOT NULL,
    "address" VARCHAR(320),
    "recipient" VARCHAR(64),
    "recipient_name" VARCHAR(255),
    "status" VARCHAR(40) NOT NULL,
    "status_reason" VARCHAR(1024),
    "planned_send_time" TIMESTAMPTZ NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "sent_time" TIMESTAMPTZ,
    "message_id" VARCHAR(255),
    "gateway_reference" VARCHAR(255),
    "attempts" INT NOT NULL,
    "claimed_at" TIMESTAMPTZ,
    "claim_token" UUID,
    "status_changed" TIMESTAMPTZ NOT NULL,
    "order_id" UUID NOT NULL REFERENCES "notification_order" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_order_i_7eee41" UNIQUE ("order_id", "channel", "address")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_message_a057ba" ON "notification" ("message_id");
CREATE INDEX IF NOT EXISTS "idx_notificatio_gateway_10f0f4" ON "notification" ("gateway_reference");
CREATE INDEX IF NOT EXISTS "idx_notificatio_claim_t_f9dcd3" ON "notification" ("claim_token");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_004575" ON "notification" ("status", "channel", "due_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_order_i_363221" ON "notification" ("order_id", "status");
COMMENT ON COLUMN "notification"."channel" IS 'EMAIL: EMAIL\nSMS: SMS';
COMMENT ON COLUMN "notification"."status" IS 'NEW: NEW\nSENDING: SENDING\nSUCCEEDED: SUCCEEDED\nACCEPTED: ACCEPTED\nDELIVERED: DELIVERED\nFAILED: FAILED\nFAILED_RECIPIENT_RESERVED: FAILED_RECIPIENT_RESERVED\nFAILED_RECIPIENT_NOT_IDENTIFIED: FAILED_RECIPIENT_NOT_IDENTIFIED\nFAILED_INVALID_EMAIL_FORMAT: FAILED_INVALID_EMAIL_FORMAT\nFAILED_INVALID_RECIPIENT: FAILED_INVALID_RECIPIENT\nFAILED_BOUNCED: FAILED_BOUNCED\nFAILED_UNDELIVERED: FAILED_UNDELIVERED\nFAILED_TTL: FAILED_TTL';
        CREATE TABLE IF NOT EXISTS "notification_attempt" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "attempted_at" TIMESTAMPTZ NOT NULL,
    "result" VARCHAR(40) NOT NULL,
    "transient" BOOL NOT NULL,
    "detail" VARCHAR(1024),
    "notification_id" UUID NOT NULL REFERENCES "notification" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "notification_attempt"."result" IS 'NEW: NEW\nSENDING: SENDING\nSUCCEEDED: SUCCEEDED\nACCEPTED: ACCEPTED\nDELIVERED: DELIVERED\nFAILED: FAILED\nFAILED_RECIPIENT_RESERVED: FAILED_RECIPIENT_RESERVED\nFAILED_RECIPIENT_NOT_IDENTIFIED: FAILED_RECIPIENT_NOT_IDENTIFIED\nFAILED_INVALID_EMAIL_FORMAT: FAILED_INVALID_EMAIL_FORMAT\nFAILED_INVALID_RECIPIENT: FAILED_INVALID_RECIPIENT\nFAILED_BOUNCED: FAILED_BOUNCED\nFAILED_UNDELIVERED: FAILED_UNDELIVERED\nFAILED_TTL: FAILED_TTL';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "notification_attempt";
        DROP TABLE IF EXISTS "notification_order";"""


MODELS_STATE = (
    "eJztXW1v2zgS/iuGP7XAXpE4SZsGhwMcW0l168iBrbS7Wy8E2WYcXWXKq5e2ub3+9yOpN0"
    "qiZFGRbVnll0QmOZT0jDicGQ6Hf3fX1hKYzpv+wjW+Gu5z96rzdxfqa4AuMnW/dLr6ZhPX"
    "4AJXn5uksU63mjuujQpQ+aNuOgAVLYGzsI2Na1gQlULPNHGhtUANDbiKizxo/OUBzbVWwH"
    "0CNqr4/CcqNuASfAdO+HPzRXs0gLlMPK6xxPcm5Zr7vCFl18ZKhu4NaYtvONcWlumtYdx+"
    "8+w+WTAiMKCLS1cAAlt3Ab6Da3v4DfADBi8bvpT/sHET/ykpmiV41D3Tpd54rsVlXU1Txq"
    "o2lVRN63JgtLAgxhc9qkMAWOFH+Mf7Xu/s7F3v5Ozt5cX5u3cXlyeXqC153mzVux/+w8Ro"
    "+V0RzORbWVHxA1mIiT53ccEPQqO7uk9FmBGjTwDM4D940m0JemvCARk9tg4XIMOJkDbFC/"
    "SSaV6EyBcxIyyIuRF/hNXZ0b1/uB7J0w/S8KoTXc5gcKnd9OURVRX8nsEbSR0QmuBiBidS"
    "H/3Ef2dwMFZu5Mkdro8uZ7A/GXyQP+LC8GoGH5S4NL7G95/cSkPt+ndtIg3ke1lSVPwQmU"
    "K6ZX+kyopCN/NL0J1VtT/4cIfaT7Xh+JMyGveH5DmY5TOoSB+liea/UXwdllNvlypALcaq"
    "fCMP+qo8VhDk+KkzRalWIcSMQoQkurFKcPQvMM5TaULwCq+65YbTWv+umQCu3Cf086xXMF"
    "I+Yj70J6/Oeq+Tw0UJanqkCg+ceKBYi4Vn22Cp6W52vAzRd+4aa8CWWCnS1HBZBrRvwovm"
    "DJ7SsqwAbFW+k6Zq/+4ed792nL9MAhhiNq7pkdLnVOmrtynGRJ10Psnqhw7+2fljrEgETs"
    "txVza5Y9xO/aOLn0n3XEuD1jdNX9KYhMVhUYLRaAK0bLZIZLM3IqgkB4MppymcTA6jt+cl"
    "htHb89xhhKuSw8gF3xnjJx/csH37sD096ZVBFzfLxdevTCK8sJCscTYWekc0aWss9erhQR"
    "6y4WYSp7D3PGP5BnfRLkHlTwm+5KFlCnnTHz+w/vr4halDJUHLwn1j2cBYwV/Bc0afSkEb"
    "qO6DTIfHCXNcGg9GW/8WGQHszw3hgVAAri8Z+tMBUlq6BP+5vvjyTbeXWoIRuMbqWamSqG"
    "22at1bp0t0qK8ITPh98NNHnICubxFl7KuwqtC8WlCNtllXXfUJdAKCjg6XHQQNsL/quBpd"
    "rwzHBXbn1a+Tyes3aZ2Il/YF9hokneom4haALjIdNWQozAHXlFnURz3WxGFNu6SgPy0j5k"
    "/zhfzp6y1GHFjrhsmDf0TQvmn1rHdSSvU/KdD9T9Jz6tqaG2aOncxGOKZoH8SlEC4AOIuv"
    "L60AyxNkWSbQIRtkmiwF8xzR7WrijEr2q6Bcj8ejhBF1LafcPcrD3bWEZAlBHjUy3IQXKM"
    "bb1B0Xz86Phr1moV5sz2apazBpG/bFH7tFm1FXD6U/JTRZphqV1nWLtKlM21pd1p+7DkB9"
    "EwGNNJP1xnLRjZ61L+C5+2dKP/qMpM/C2BjA9zwjld71yNNuvLlpOE/Y2YNI6C4zNUwaLk"
    "d5viVXv+m2XaXq/vPRgwuic5I74T/n/+ruf4huseWKdCnU0vLsHMM5f75Pke3KJX44LbZ3"
    "cVFm1r+4yJ/2cV1yHorHRlmcqdHUOojr97b5aGnkJzfIEVmT13ea9DWvgeOgaVDj/6qzlC"
    "20GnYnQBzNBo/AZnvftn3mKeIWfuznJ+/floAeN8vF3q9MW22UAlR+oqSIWgh2/ULc1OHK"
    "Q9KBB2WapoUgl1ndzV/czazthuLXNVxOL0+asI1Y73Sq9NZr3X6uNFfGpGKy5AJ9bi0ZiK"
    "vge07EVZquFR95kYNH+k1N+HZCVF/d9X97nfDvjMbKbdic4sJgNL7OTJbotR0EjxYa+6Fj"
    "jMf1lt+LcME1zQVHcz/gFr+vNUEoeNxkHi89oGFOVBrYGWLB6ybzWjdNROA8I1G8DqIVNP"
    "3RZVn9xXwv7Eh8A03+BgwnXAQj0QwaBGDJvYSZ34lY0ORY0AxhJOEkOiMWohQTKGqBPg/6"
    "K2jZQKNijngZwOxA8ICDBxvb2gDbfdaQushwyP17OlZyNMw0YXrWMRZu53+dsHYX6FPrhn"
    "PPMF0DOm/wbQ+xdIiBKjb+0nZeamrBHaSNP2RaAxvHu0WuZoeHRTnkzWAUvl9rGGWDjfms"
    "WeQ5uViUIRTMqZ056ZCMDHuKoiEypC8IjTgepXprIAQVxW4D8sYZVIsNGIpMbGxqur2i24"
    "sngz/OMkUp9DIOvSwO8qqyxZYKEWuw0x29tqzK/ZH8B963Sf3wt83+rt2MJ1qwxdbfQ5so"
    "irbjpjbpFm/CnUj3I9nfJ0ou8rbl1rzVlrHJN7tlFT17sOs13OjKt0W3W+oD3vWWVwOHRu"
    "gVhEVIJQRFBRcGOyK7pBNJCGh+wzmOveVUfZKUQvtptPbjWLarLT3uhRmaTrC40SzGa2gb"
    "21oAx+EWoRlaIUM5ZCjeeQqgq208e8UNfZZYYL8Fe47dPYnEFjjVk8HyPV4HtDe/ToCZ54"
    "BnJJY6TmmX2ZfOsNi0J8NxLVZoGg9Wyd1NU9KzBF27teBByzUejYW/mGnZOL76ZQgqVIdj"
    "O4iOP0r/XBa4/e28o7+8rZvwUp9p2f14Wuys2Gkmuc/stBHU3UlCHr6NdCLjHK7bR8Y54R"
    "ATDrEjdYgFmgFvDqsUWfui1XeVyioAbvGkQ6ZZscVyz1AL+73R9rvIvLfLbWQiL5zIC9cQ"
    "mI8/L9wQPchKD14/Y05RtYX20zLZruZcJkVJ1ix7pUPjv0HMcVRMZ7FIJzzhMqd+Fluqd3"
    "r+7vzy7O15ZEJFJUWW03Yr6Tiy7GXFyfGn2aNSPrMHSVn4c8jbh/z7EsC/z8X9PSMZXIMz"
    "8BxQJ6xtU3BDkoPRrl3WNJqoL5xIYbplzVOpFTqesTEJAVmNQoYN+uQcRmKw2EdFNccLjG"
    "HiL9Jd0m0p0n7tI9o1f76lOFXFLUmRN1nwdKW7vjy66pB/Mzi9m1510J8q3rXLEqLoMlcQ"
    "XaaFfjiaOAQ+RdI++38naWwPlLCn0UDX72iJAOPOu5albB/eu0kDdnRrSl1F+sQ5Q2ISfC"
    "TPJyS4JWUoK7dIePsXqORhMJAksoISXc5gH13dk/N1wqsZHEoj+aM0wYXRZXZ5xv8fLwZp"
    "8ZpObhWDCr+OPERX8o3MpE02iHqQEbtH8lAjExVeGrvrqxE1qzJDSa1t5dVENNfjB2VAPV"
    "7wO6p/UCjQsmVRO1UdRfXousq0el5G7J/nS/3zjNAPlkFsoDusfblbl61iwvYJo10tXG1M"
    "rA4uST7HSulAmB2I5atGL18FFh4np2Mqwd5Gs9fBelmVsZwgFCldmszjMNMdn+cxSbWjWb"
    "Jlmb9XCItv+nO1xL1MYoF7Gdx11wXrjcuwlXKX7GiS7Qt3dc1KJ7vCuJaFO8pxaOpIbFc5"
    "FjRJKSaGJk8MhFeaa30BDBOqIGwmSbbTlBP7FFT1ZJwQ4X0/1RiiV73KDiCaRoSbFYebRY"
    "uUL4wyq7LjpqEAbw00o78v3viyjFKlmdYqi3/VzU59v9MWgb/T/U4s6LbEFFAIlwst0HSK"
    "YpdbnMTWpUZuXQrYX0nbT9MKZaXRygrqCmOTYXK5FcWYutHRIGJBUSwo8i8ooltBhx1FUp"
    "jnIUEnUjxwpNdYApfzgO+YQizall20TWh6fGYqg1RYq8XWajpkt0aj9Xgh3mqvMj60Jm2L"
    "yroOtphgkX+hpAEW+TjqjvAmaWytzMnPjH1QiXOb/YxRwYkdIob7wDHcMQ/LzpMUSZM19c"
    "bEtqbGBgfSWcr2aSZtPuK20cDv6oRbkst2bbCPc96eBTemFOYOh7mzRvfTqqwWZQjFgmvK"
    "qRWeHlk5MDWnC+HNbLg3M9hYwnmmCU21/wNNDsPcHZ0rc7A9zY2euHeiMf3Uezln0Pdi30"
    "+kG2lCHMypAtKWrk/8DOn7ylAjfSZ+VvFAn5ZRzU7zFbPTjFqGV9JMxICqHKbp97jla/Aw"
    "Vcd3GhLn0/6txGlbp6ivOsnfM3grKdJEHgSJ+eJ27PIqjKw/oZ6pw5Wnr7hMGppmj8yD81"
    "05Q1ISsYw8zJeGaYQB0olNzfHm/wELrm2/GcL2TT4Xp2XARq1y4SZ1LMDn1pKROVoF33Pi"
    "NJJUbYC6SH2WflOLNaxIex6NlduweVrtYuEe5pIn0FWcHdg97VHU3I/6ssI7PRCiqw75N4"
    "Mf1DukGuC/VQR9zbkdfEAfbWutVUjzwKZuwxDZQ8YHZ+1wyyKapg0w71sSYfx8v2uFpGFM"
    "4jZwYdeqJLrd0iBrhAi9jWXwJTlhU7cP997JeRnhjpvl65ikMg/9RyStPZt1xkhukCqbWG"
    "w1E8es1yTma1yb8BxyzoUJiIKoL1zNgI+Wva7Cjq19Cc5wcMb6CmzbWOLPe2U4LrDBsgYe"
    "cfQquMVzLC6aZ9FTkAUkbWOZxoKho5ZM38Tuao8G27D/O16l4TXZArKrTnAxg30lKAkuGm"
    "C8HWFqrYl0K09VHEjNy5GYEh9dEl7P4P1kPJCmUxIhH19H5eSYlvASH7tydz+SVP/YleDS"
    "D7HXBmNlKKvyWCGPcSepfsR9thz10lcG0ojE0EeXzfDaioxSB8golYg0zGC+JZtUmlgs1z"
    "d6uV7klPgZuBxn+zQt64u3yfK6RGgGRbv/AA0qaHjuGaZrQOcNvu0h4oZ3ErZBwoP5U1NQ"
    "ZELSNnoMFhwXXWpKrY3JQs7ubjZt0sFXx8PnYz73qpko7+fYK/YWuxpPYT7eKWu/GUnG1P"
    "k/XcY+uET9L0Vb4Kx0y4PkHmnycUiHTU5S/2lIRQeD8Z0p8KKTBJo2jvcQPLzRbWxWvfBj"
    "L+6ldalKa/jmM/rEYXYw00I5kSsqCD3aIsdZJKVFu5bMNUWRb5P3XfUJIBPcMSCi6NDddI"
    "JuOuH61VXHgqBjW986G2CHtW/SjuVaOsw5Sos5JAK6KNwu73Qtri3WP0tarJ2dQtnkKb9l"
    "8o9xGNaLoljTfTR5/hfHkh2NzlVblGpD5vt7YDts8yyoKZy9N3Gbg5hkx3FKcIOMs7oOCR"
    "b22T7ts4bIikmwG5clLaK6Qnlh060OIjGadLhyg+RCja6EAm36G8LnpZ6Fwk6EZp1kSkaz"
    "RvObCTR/L2dZxGkaIaXLedECzLiiw2ia9gWG7RBm1pkk22BmHkgiYGbDbDh46ejRV5B1Rm"
    "KJbamg0tQiVJwjVNwGeCMunuiW+jPPvqIsYaU9RU373mvw+TVFobZMtjKNy4sV6bBFzWlA"
    "i4zhHJ0LPwr66JZA+KoP6qs+Dl9Ik3TrupwhYr3gwFZNLII4wE4QtdCuqSftVENmygcH2C"
    "WXo/OaFs6nnoMTDlRefu7Hy8J6x3eKd+INk51Hy06sIaNWc8tzycIxPeazy9B1dlzLhC/m"
    "eDHHH9NMI+b4lszxJA0SD9ARQfucPDtJlbS25obJpUHFFO2DuBTCBQA3apG/D2xj8cRSlo"
    "KaQt1Ij9s05sxHoUm8UJP4inRJZjaQ/OFOkbTQXNqJ4xwPKg6Eg+YtRPf0pIw8Ra0KkgJk"
    "ZqwgRWUW4fx9wxSJyOfOuTH4oJPZj/8DCZjltQ=="
)
