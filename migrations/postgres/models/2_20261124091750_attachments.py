from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "attachment" (
    "id" UUID NOT NULL PRIMARY KEY,
    "resource_id" VARCHAR(255) NOT NULL,
    "sender" VARCHAR(64) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "display_name" VARCHAR(255),
    "senders_reference" VARCHAR(4096) NOT NULL,
    "data_location_type" VARCHAR(40) NOT NULL,
    "url" VARCHAR(2048),
    "is_encrypted" BOOL NOT NULL,
    "expiration_in_days" INT,
    "expires_at" TIMESTAMPTZ,
    "created" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "status_text" VARCHAR(1024),
    "status_changed" TIMESTAMPTZ NOT NULL,
    "expected_checksum" VARCHAR(32),
    "checksum" VARCHAR(32),
    "sha256" VARCHAR(64),
    "size" BIGINT,
    "wrapped_key" BYTEA,
    "key_id" VARCHAR(64),
    "chunk_size" INT
);
CREATE INDEX IF NOT EXISTS "idx_attachment_sender_f574b6" ON "attachment" ("sender");
CREATE INDEX IF NOT EXISTS "idx_attachment_expires_11e9ec" ON "attachment" ("expires_at");
CREATE INDEX IF NOT EXISTS "idx_attachment_key_id_f10f9d" ON "attachment" ("key_id");
CREATE INDEX IF NOT EXISTS "idx_attachment_status_87d77a" ON "attachment" ("status", "expires_at");
CREATE INDEX IF NOT EXISTS "idx_attachment_status_cc5af6" ON "attachment" ("status", "status_changed");
COMMENT ON COLUMN "attachment"."data_location_type" IS 'ALTINN_CORRESPONDENCE_ATTACHMENT: ALTINN_CORRESPONDENCE_ATTACHMENT\nEXTERNAL_STORAGE: EXTERNAL_STORAGE';
COMMENT ON COLUMN "attachment"."status" IS 'INITIALIZED: INITIALIZED\nUPLOAD_PROCESSING: UPLOAD_PROCESSING\nPUBLISHED: PUBLISHED\nPURGED: PURGED\nFAILED: FAILED\nEXPIRED: EXPIRED';
        CREATE TABLE IF NOT EXISTS "correspondence_attachment" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "attachment_id" UUID NOT NULL REFERENCES "attachment" ("id") ON DELETE RESTRICT,
    "correspondence_id" UUID NOT NULL REFERENCES "correspondence" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_corresponde_corresp_7abb11" UNIQUE ("correspondence_id", "attachment_id")
);
COMMENT ON TABLE "correspondence_attachment" IS 'One correspondence''s use of one attachment; an attachment serves many correspondences.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "attachment";
        DROP TABLE IF EXISTS "correspondence_attachment";"""


MODELS_STATE = (
    "eJztXetv2zgS/1cEf7kW2CsSJ03T3OEAx1FaXRM7kJVuHykEWqZtITLl1aOpdy//+5F6WA"
    "9SsuhYiazll0QmOZT0G3FmODMk/+os7Am03Dc9wzN/mt6qcyb91UFgAfEFVfeb1AHLZVJD"
    "CjwwtoLGIN1q7HoOLsDlU2C5EBdNoGs45tIzbYRLkW9ZpNA2cEMTzZIiH5l/+FD37Bn05t"
    "DBFd9/4GITTeAv6MY/l/f61ITWJPO45oTcOyjXvdUyKDs3ZwryLoO25IZj3bAtf4GS9suV"
    "N7fRmsBEHimdQQQd4EFyB8/xyRuQB4xeNn6p8GGTJuFTpmgmcAp8y0u98VhPyjq6Phhq+k"
    "jWdL3DgZFhI4IvflQ3AGBGHuGf77vdo6N33YOjk9O3x+/evT09OMVtg+elq949hg+ToBV2"
    "FWCmfFAGGnkgGzMx5C4peAxogAdCqoAZCfoBgBT+/TlwZOQvAg4o+LEBMiDFiZg2xwv8kn"
    "lexMiXMSMuSLiRfITbs6Nzc3t+pYw+yhdn0vryDkWX+mVPuUpVRb/v0KWs9QOa6OIOqXIP"
    "/yR/71B/OLhU1GtSv768Qz21/1H5TArjqzt0O0hKk2tyf/WDfKGff9VVua/cKPJAIw9BFa"
    "Zb9q40ZTBINwtL8J01rdf/eI3bj/SL4e+Dq2HvIngOZvkdGsifZVUP3yi5jstTb5crwC2G"
    "mnKp9HuaMhxgyMlTU0W5VjHEjEKMJL6xFuAYXhCcR7Ia4BVfdaoNpwX4pVsQzbw5/nnULR"
    "kpnwkfeuqro+7r7HAZRDXdoIoMnGSg2IbhOw6c6MCjx8sF/s49cwHZEitHmhsuk4j2TXzR"
    "nMFTWZaVgK0p1/JI613fkO4XrvuHFQCGmU1qukHpKlf66iTHmHUn0u+K9lEiP6Vvw4EcwG"
    "m73swJ7pi00751yDMB37N1ZD/oYJLGJC6OizKMxgrQdtgikc3eNcFWcjBSOU3hZHYYnRxX"
    "GEYnx4XDiFRlh5EHfzHGTzG4cfv2YXt40K2CLmlWiG9YmUXYsLGscZc2fkestHWWeXV7q1"
    "yw4WYS57D3fXPyhnTRLkEVqoRQ8qRlSvCmj4/Efp3eM22oLGg03Je2A80Z+gRXlD2VgzYy"
    "3ftUh/sJc1KaDEYHPKwnAezPDeOBUYBeKBl6oz42WjoB/mNg3D8AZ6JnGEFq7K6dK1m3pa"
    "sW3UW+BCAwC2Ai70OePp5EeR4w5gsYvAE9xUpqyydZ2XZ1TrO+Y9EIPD+4P/y1NDG8xOzA"
    "rdI14ZVuzAEir/2Da3JWLD12Ly42z9A6/576yCDIScGdyJ/j/3QaJz/KJmG4pe07BcK6WD"
    "fmyJo8DdtSR3bfvq2gInGrQg0Z1GUVpAvxq3FZeAlFXRg/q+OhZhNvalpQD35wQJwhEl9y"
    "tS95YrpLC6y4wc7Ttc+4rlFwuLoDp9Bhm3qbZEiOuIUf+vHB+5MK0JNmhdiHlblvnShPyz"
    "YAeTz9KW5Ldk9NZkUndPTp/aGqyqOb4eBCHvRlPXHvnUmbWtwh+Ysmq4PelT7Shmrvg3wm"
    "5Uu2cbQdH1Ridgmr84z2HYtnXEXNWyjCDo5Pq8gw3KxYiAWVWXxNV8fix1ktCSwU0Oe2bU"
    "GACuz7HGkO9DGmrWvQrEue16g/Hw6vMo7LcyUXYhncXp/L6qvDgAe4kellIi8J7sFsLJQ5"
    "Jp7hgpVLo18Y9GITbw6C7cFHH4bBuofH745Pj06O19GvdUlZ0KsA5nDSS8Fb7qbPUu7AS7"
    "8Z6ec0+9vkozccCJjiq5zDKTIRhGk0gxNX1TYWXkLdaKtOGSia0rtSvpFoZ+rHHbq9IaFa"
    "/UYd9uXRSBl8OJOoonUQmwptk/BwHCa+Q3H8NQ65yl9uFJUURBfNCK9GHkne8FCOrH1WYF"
    "1RopwHmFOQ0tRCnjZanmLbBhoYecwyaNy7/oJnkDGJ2zfUdi/UtgFbYMypOOag+/aES2es"
    "KdqH7+69+a75J8PTVpagGVO0aHb6LEmaCeYPDlgusby9hysW9Ag4Kzb0OcK8f2blQXf/eF"
    "AG59XwPKOC8Yd8rgx66tdX170vrzN6+Go4+BC3T6vX86+a3MsxAOPHGYtNKGoSKm2KEBpz"
    "H93rbMlSKFayRC0SLk9yfVFpScV5MoUpYpaJ7hlz7fOol8tPKrQC3yMDeGbGUjYvZj/Nfi"
    "p36bHOPKO+jbwwJYhKMoqrfivLMDJSjTalF3W0OZQiAgmgiYQ5B52fAYfx9cx0PehIrz6p"
    "6us3eecAL+0T1oWgoFNgYbGKPyTTW+nIX4z5EjfK+tiNa+hll5BkXQWHVRwFh8VugsPXG/"
    "KU4AKYXMG5NUH7LO2jbpXIJ25VMpehYp8Le2xaXGkFCUX7IK6EcAnANL6htOKOe6bJRMyT"
    "I+ZpAdcjmnRqOgt+LyNN/SxBuaZMbvbCychhf9ZrP2Uy5plmVD6nvsyaotruNGf7eyqjFF"
    "smi6Xt4Rutgmn7Dyqh24GGuTQjYzoV2vLHlunOk+zuJEk1X8OkETnfIue7gd4GkfK9hw6d"
    "EC3uPOQcWZOD9U36mhfQdbEa1Pm/apqyhbMGkfrdstTvjAFUXVGmiFoI9u6FuAXQzMfSgQ"
    "flNE0LQa4SrS4OVlOx6lj8eqbH6eXJE7YR61pVpb9YAIcRTa2gKxNSoSy5QB/bEwbiGvxV"
    "EOHL07XiIy9z8MhftIxvJ0aVHbyOm6e40Cfx7LyyxK/tkmyteLIfO8Z4XG/FvQgXXNNccG"
    "nuR9zi97VmCAWPm8zjiQ91womtBjZFLHjdZF4Dy8IE7gqL4kW0K4oOph5r1l/O99KOxDfQ"
    "5G/AdOMgWLgAEEE42WbpZkEnIqDJEdCMYQzSSQAjF6ISE1LUAn0e9GfIdqCeyjniZQCzA8"
    "EDDh4sHXsJHW+lY3OR4ZD772g4KLAw84R5rWManvQ/Ka6tA/1U3HDsm5ZnIvcNue1LhA4J"
    "UOWTv/w8L6daSAf5yR+eWkOH5LutXc2MvM5iFhWQN4NR5H6tYZQDl9ZKt4Pn5GIRRSiYs3"
    "Pm5FMyKPaUZUNQpE9Ijdgfo3pjIoRYu/93mq8Ax5ib/HmWOUphl3HYZX/zHRPIBvZf9cuh"
    "qkdbIYR79WeKinZMKN/sX5VvrpRwP/rgomj7/x1v6c84TIDeGp/e3YHvKIBOpQ+47iW8Jk"
    "mNAFsIi5hKCIotXBjsjOyKTiQhoPknzknuLafpk6UU1k+jrR/Xdjx94nMHZtJ0gsWNZjGJ"
    "oS0d24Cuyy1CKVohQzlkKFl5CpGnL32HuWtRKfQ0scB+A/ZbrS6PjpQzWb5HnjXl6QPs9l"
    "Pa0WvIM7Hd9Sp5sQKfH71oC7K56Xo2K7Fve+xGQc8y8pxWfXrPt/yu/NCUsg+16pI8nfNE"
    "lc4QkW0L0l38w5V8F0r2VLJxXdLfvySAUj+lYOWvK+FXX+V6cOndEeq7DXMVIWOdYoJLfi"
    "Eh13o/cQAnqXuOAzixcWqyI9mFDEiTbLUPTtNk1q73gE5pVr7FrBShOPpMnC73HBBThrY4"
    "Xe5ZT5djS48dgN1KQzwPNCU2MyCr8khTlb72Umf4FVv3G63T3FSgsnmahNNqPuyP+Ymn7h"
    "4cTcu31YMw/Z7L9BMhWxGy3dOQrdiuX2zX30xjpRURJnEGfa3bD4s5rJjDNgPm/T8h/QI/"
    "yAxEr09Np1K1pfOnSbbdjnfbK9sG2HZmAJl/Rqvi1sXpfdae5En/u8ylnui8LZ4l7cc+0L"
    "Q42f+NoBMeFAySqvAXkLcP+fcVgH9fiPt7xnbFDd4j8gVtwp1tW8OR4FKnEh2mBghLjWbq"
    "SxWpnW9Zp/+xUBE2WV40aMf+nYiLMs3Jtx2n2IeTb5+rJXBIyOOJH3t5L607TWgH33wDhf"
    "bA9sypaQTXvckEa2B3kxxnkVQW7TpKURPP0pq80ukvY981EaaQ0t1IUTfrc1zOgpwlx36Q"
    "ltCJa9lHwjy1Q+a0rWBIRHThmEh+i2nai07TmqzyWyb/Mp7i3GDYJpKY76PJ+r8jX/eUqz"
    "Mp+HeHRtejMwn/2SYqdlqBE6eFnDgt4ASX1z4haTLmW37pOzshqSH6/gY6Lnt6FtWUau9l"
    "0uZFpmT74UZr0OSs/uPUxPystQ4dNXLBsaTFuq5UXjjpVi8iMZrkfWyQXNihK6HEmn7A+D"
    "zVs1DaibCss0yhLOtgr30djXkQT9MIKV3NixZhxlgAsxFn1gqYFmS81Agz3AJmKGCuDrPY"
    "IJY7rWiH+wM4kKzwJ4puAlaMqXihl48mFAfMc28BUKtBbVtsY9q2NhnScYsGJBXhR8Ef3Q"
    "QKX7VIKdor21qkFLVkVpOIIA6wM0QtnNccVjm28LD40MLDkwa5nm5d6FQMRxc1LdWnvkuO"
    "bN06/NxLwsJACp3i6/gwnEhT28nEkHGrse17QeA4PebpMPQuO96Jwhc6Xuj4fdI0Qse3RM"
    "fDBTAZnodioNcE7XPy7CwInTng0h6bFt8BrmuK9kFcCeESgBsV5O9BxzTmLGMpqim1jUDS"
    "5kVCdsKSqMGS+IltSeYGXcXDPUXSwulSLY5zMqg4EI6atxDdw4Mq8hS3KtlAgNJY0d63NM"
    "LFJw2lSJ7/jKEa0S4Bd2enCb2oMnv8P6AquDs="
)
