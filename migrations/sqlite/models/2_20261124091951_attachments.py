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
    "attachment_id" CHAR(36) NOT NULL REFERENCES "attachment" ("id") ON DELETE RESTRICT,
    "correspondence_id" CHAR(36) NOT NULL REFERENCES "correspondence" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_corresponde_corresp_7abb11" UNIQUE ("correspondence_id", "attachment_id")
) /* One correspondence's use of one attachment; an attachment serves many correspondences. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "correspondence_attachment";
        DROP TABLE IF EXISTS "attachment";"""


MODELS_STATE = (
    "eJztXW1zozgS/iuUv9xM1d5U4mQymdzVVTkOmeEmsVOYzM5LpigZyzYVLLy8TMa7l/9+Ei"
    "8GhMDIwQlm9SXBklrA06i71d2S/uos7Am03Dc9wzN/mt6qcyb91UFgAfFFru43qQOWy6SG"
    "FHhgbAWNQbrV2PUcXIDLp8ByIS6aQNdwzKVn2giXIt+ySKFt4IYmmiVFPjL/8KHu2TPoza"
    "GDK77/wMUmmsBf0I1/Lu/1qQmtSeZxzQm5d1Cue6tlUHZuzhTkXQZtyQ3HumFb/gIl7Zcr"
    "b26jNYGJPFI6gwg6wIPkDp7jkzcgDxi9bPxS4cMmTcKnTNFM4BT4lpd647GelHV0fTDU9J"
    "Gs6XqHAyPDRgRf/KhuAMCMPMI/33e7R0fvugdHJ6dvj9+9e3t6cIrbBs+br3r3GD5MglbY"
    "VYCZ8kEZaOSBbMzEkLuk4DGgAR4IqQJmJOgHAObw78+BIyN/EXBAwY8NkAFznIhpKV7gl6"
    "R5ESNfxoy4IOFG8hFuz47Oze35lTL6KF+cSevLOxRd6pc95SpVFf2+Q5ey1g9ooos7pMo9"
    "/JP8vUP94eBSUa9J/fryDvXU/kflMymMr+7Q7SApTa7J/dUP8oV+/lVX5b5yo8gDjTxErj"
    "DdsnelKYNBullYgu+sab3+x2vcfqRfDH8fXA17F8FzMMvv0ED+LKt6+EbJdVyeejuqALcY"
    "asql0u9pynCAISdPnSuiWsUQMwoxkvjGWoBjeEFwHslqgFd81ak2nBbgl25BNPPm+OdRt2"
    "SkfCZ86Kmvjrqvs8NlENV0gyoycJKBYhuG7zhwogMvP14u8HfumQvIllgUKTVcJhHtm/ii"
    "OYOnsiwrAVtTruWR1ru+Id0vXPcPKwAMM5vUdIPSFVX66oRizLoT6XdF+yiRn9K34UAO4L"
    "Rdb+YEd0zaad865JmA79k6sh90MEljEhfHRRlGYwVoO2yRyGbvmmArORipnKZwMjuMTo4r"
    "DKOT48JhRKqyw8iDvxjjpxjcuH37sD086FZBlzQrxDeszCJs2FjWuEsbvyNW2jrLvLq9VS"
    "7YcDOJKex935y8IV20S1CFKiGUPGmZErzp4yOxX6f3TBsqC1oe7kvbgeYMfYKrnD1FQRuZ"
    "7v1ch/sJc1KaDEYHPKwnAezPDeOBUYBeKBl6oz42WjoB/mNg3D8AZ6JnGEFq7K5Nlazb5q"
    "sW3QVdAhCYBTCR9yFPH0+iPA8Y8wUM3iA/xUpqyydZ2Xa7nGZ9x6IReH5wf/hraWJ4idmB"
    "W6VrwivdmANEXjuonQOXMMyLnjJq/INr3lYsWOqXJJsnb51/T31kEFCl4E7kz/F/Oo0TLW"
    "XzM9zS9p0COV6sNimyJs/QtlSf3bdvK2hP3KpQeQZ1Wd3pQvxqXMZfQrErjJ/VJ7Fj629q"
    "WlAPfnBAnCESX3K1L3liuksLrLjBpunaZ3fvUHC4ugOn0GFbgZtkCEXcwg/9+OD9SQXoSb"
    "NC7MNK6lsnytOyDUAeT3+KR5PdU5NZ0Ql9gHp/qKry6GY4uJAHfVlPPH9n0qYWd0j+osnq"
    "oHelj7Sh2vsgn0l0yTY+uOODSswuYTXNaN+xeMZV1LyFIuzg+LSKDMPNioVYUJnF13R1LH"
    "6c1ZLAkgP63LYtCFCBfU+RUqCPMe2uBs265HmN+vPh8Crj0zxXqOjL4Pb6XFZfHQY8wI1M"
    "LxOUSXAPJmqhzDHx5Bes3Dz6hfEwNvHm+NgefPRhhKx7ePzu+PTo5HgdGFuXlMXDCmAO58"
    "M5eMs9+FnKGhz4m5F+TrO/Te57w4GAKb7KOZwiE/GZRjM48WJtY+El1I226pSBoim9K+Ub"
    "CYSmftyh2xsSxdVv1GFfHo2UwYczKVe0jm/not4kchxHkO9QHJqNo7HylxtFJQXRRTMir5"
    "GzkjdyRJG1zwrcVQCJcg5zCtI8tZCnjZan2LaBBkYeswwa966/4BlkTOL2DbX6hdo2YAuM"
    "ORXHHHTfnnDpjDVF+/Ct35vvmn8yPG1luZsxRYtmp8+Sv5lg/uCA5RLL23u4YkGPgLNiQ0"
    "8R0v6ZlQfd/eNBGZxXw/OMCsYf8rky6KlfX133vrzO6OGr4eBD3D6tXs+/anKPYgDGjzMW"
    "m1DsSKi0KUJozH10r7MlS6FYyRK1SLjU5vqikjs4HLsUpfDrbvDr5vLEihOXCnP2LBPdMz"
    "wc51Evl59UaAUeXwZHmClk2USl/Zxs5ZLJHneZ+NXHn3yYo5XL+oqrfitL+TJSjTble3W0"
    "OZQiAgmgiYQ5B52fAYfx9cx0PehIrz6p6us3tEuGl/YJC3VQ0CmwsDLDH5LprXTkL8Z86T"
    "JlfdTjkHvZNT1ZB81hFffMYbFz5vD1huwwuAAmV0h0TdC++c1Rt0q8GbcqmUHmIs4Le2xa"
    "XMkcCUX7IK6EcAnAeXxDacUdbU6TCYuEI9JsAdcjmnRqOgt+326e+llCoU2ZUu6Fa5fD/t"
    "yt/ZRZwsA0o+hFDmXWVK5trUn031N5vNgyWSxtPN8xVoGz5Ecuw96Bhrk0s3nyhHv+2DLd"
    "eZJun6QG0zVMGpFpLzLtG+jjEYn2e+hGC9Hizv6myJqcItGkr3kBXRerQZ3/q85TtnDWIB"
    "LuW5ZwnzGAqivKFFELwa5fiFsAzXwsHXhQTtO0EOQqOQLFKQK5DIFY/Hqmx+nloQnbiPVO"
    "VaW/WACHEcOuoCsTUqEsuUAf2xMG4hr8VRBXpela8ZGXOXjkL1rGtxOjyk4ZiJunuNAnWQ"
    "S0ssSv7ZIcuXiyHzvGeFxvxb0IF1zTXHBp7kfc4ve1ZggFj5vM44kPdcKJrQZ2jljwusm8"
    "BpaFCdwVFsWLaJsaHUw91qy/nO+lHYlvoMnfgOnGQbBw2SWCcLLNgtmCTkRAkyOgGcMYpJ"
    "MARi5EJSakqAX6POjPkO1APZVzxMsAZgeCBxw8WDr2EjreSsfmIsMh99/RcFBgYdKEtNYx"
    "DU/6nxTX7gL9VNxw7JuWZyL3DbntS4QOCVDlkz96nkepFtIBPfnDU2vokHy3tauZkddZzK"
    "IC8mYwityvNYxy4NJa6XbwnFwsyhEK5tTOHDolI8eesmyIHOkTUiP2x6jemAghdkz4O81X"
    "gGPMTf48S4pS2GUcdtnffJ8KcqLAV/1yqOrRBhTh4QmZoqJ9KspPX1DlmyslPCAguCg6j6"
    "HmMxYYpzvkzyrI76nBdzZDp9IHvOuF0yZJjQBbCIuYSgiKLVwY7Izsik4kIaD5J85J7i2n"
    "6ZOlFNZPo60f13Y8feJzB2bSdILFjWYxiaEtHduArsstQnO0QoZyyNBoZbi+9B3mXlGl0O"
    "eJBfa7WF0enfFnsnyPPGvK0ycK7qe0y68hz8R216vkxQp8fvSijd/mpuvZrMS+7bEbBT3L"
    "yHNa9ek93/K78lNsyj7UqkvydM4jbjpDRLYtSHfxD1fyXSjZU8nGdUl//5IASv2UgpW/ro"
    "RffUX14OZ3R9jdbZirCBnrFBNc6IWEXOv9xImopO45TkTFxqnJjmQXMiBNstXuQ02TWXVv"
    "P5TSrHyLWXOE4iw6cdzfc0CcM7TFcX/PetwfW3rUAHYrDXEa6JzYzICsyiNNVfraSx2qWG"
    "zdb7ROqalAZfM0Caft+PRF5ieeuntwVjDfVg/C9Hsu00+EbEXIdk9DtuKQBHFIQjONlVZE"
    "mEK9zTGw1gTtG1I72PRZzGHFHLYZMO//kfUX+EFmIHr93HQqVVs6f5pk29W8217ZNsC2Mw"
    "PI/DNaFbcuTu+z9iRP+t9lLvVE523xLGk/9oHOi5P93wg64UHBIKkKfwF5+5B/XwH494W4"
    "v2dsV9zgPSJf0CasbdsajgSXXSrRYWqAsNRopr5Ukdp0y136HwsVYZPlRYN27K9FXJRpTr"
    "7tOMU+nHz7XC2BQ0IeT/zYy3tp3RlONXzzDRTaA9szp6YRXPcmE6yB3U1ynEVSWbTrKEVN"
    "PEtr8kqnv4x910SYQkp3I0XdrM9xOQtylhz7QVpCJ65lHwnz1A6Z07aCIRHRhWMi+S2maS"
    "86TWuyym+Z/Mt4iqnBsE0kke6jyfq/I1/3lKszKfh3h0bXozMJ/9kmKnZagROnhZw4LeAE"
    "l9c+IWky5lt+6bWdkNQQfX8DHZc9PYtqSrX3MmnzIlOy/XCjNWhytvvj1MT8rLUOHTVywb"
    "GkxbquVF446VYvIjGa5H1skFyo0ZVQYk0/YHye6lko7URY1lmm5CzrYK99HY15EE/TCCld"
    "zYsWYcZYALMRZ9YKmBZkvOwQZrgFzFDAXB1msUEsd1pRjfsDOJCs8CeKbgJWjKl4oZcvT7"
    "jVwrqmfe81+PyaYlDbFtuYtq1NhnTcogFJRfhR8Ec3gcJXLVKK9sq2FilFLZnVJCKIA+wM"
    "UQvnNYdVji08LD608PCkQa6nWxc6FcPRRU1L9anvkiNbtw4/95KwMJBCp/g6Pgwn0tR2Mj"
    "Fk3Gps+14QOE6P+XwYus6Oa1H4QscLHb9Pmkbo+JboeLgAJsPzUAz0mqB9Tp7agtCZAy7t"
    "sWnxHeC6pmgfxJUQLgG4UUH+HnRMY84ylqKaUtsIJG1eJGQnLIkdWBI/sS3J3KCreLinSF"
    "o4XdqJ45wMKg6Eo+YtRPfwoIo8xa1KNhDIaaxo79s8wsUnDaVInv+MoR2iXQJubacJvagy"
    "e/w/1M44sQ=="
)
