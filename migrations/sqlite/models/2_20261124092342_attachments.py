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
) /* One correspondence's use of one attachment; an attachment serves many correspondences. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "correspondence_attachment";
        DROP TABLE IF EXISTS "attachment";"""


MODELS_STATE = (
    "eJztXW1v2zgS/iuCv1wL7BWJk6Zp7nCA4yitrokd2E63LykEWqZtITLl1UtT717++5F6sS"
    "SSkkVHTmQtvyQyyaGkZ8SZ4cyQ/Ku1sCfQct90DM/8aXqr1pnyVwuBBcQXTN1vSgssl0kN"
    "KfDA2Aoag3Srses5uACXT4HlQlw0ga7hmEvPtBEuRb5lkULbwA1NNEuKfGT+4UPds2fQm0"
    "MHV3z/gYtNNIG/oBv/XN7rUxNak8zjmhNy76Bc91bLoOzcnGnIuwzakhuOdcO2/AVK2i9X"
    "3txGawITeaR0BhF0gAfJHTzHJ29AHjB62filwodNmoRPmaKZwCnwLS/1xmM9KWvpeq8/0o"
    "fqSNdbAhgZNiL44kd1AwBm5BH++b7dPjp61z44Ojl9e/zu3dvTg1PcNnheturdY/gwCVph"
    "VwFm2getNyIPZGMmhtwlBY8BDfBASBUwI0E/AJDBvzsHjor8RcABDT82QAZkOBHTUrzAL0"
    "nzIka+iBlxQcKN5CPcnh2tm9vzK234Ub04U9aXdyi61C872lWqKvp9hy7VUTegiS7u0EDt"
    "4J/k7x3q9nuX2uCa1K8v71Bn0P2ofSaF8dUduu0lpck1uf/gg3qhn3/VB2pXu9HU3og8BF"
    "OYbtm5Gmm9XrpZWILvPBp1uh+vcfuhftH/vXfV71wEz8Etv0M99bM60MM3Sq7j8tTbUQW4"
    "RX+kXWrdzkjr9zDk5KmZIqpVDDGnECOJbzwKcAwvCM5DdRDgFV+1yg2nBfilWxDNvDn+ed"
    "QuGCmfCR86g1dH7dfZ4dKLatpBFRk4yUCxDcN3HDjRgceOlwv8nXvmAvIlFkVKDZdJRPsm"
    "vqjP4CktywrAHmnX6nDUub4h3S9c9w8rAAwzm9S0g9IVVfrqhGLMuhPld230USE/lW/9nh"
    "rAabvezAnumLQbfWuRZwK+Z+vIftDBJI1JXBwXZRiNFaDt8EUin71rgq3kYKRy6sLJ7DA6"
    "OS4xjE6Oc4cRqcoOIw/+4oyffHDj9s3D9vCgXQZd0iwX37Ayi7BhY1njLm38jlhp6zzz6v"
    "ZWu+DDzSWmsPd9c/KGdNEsQRWqhFDypGVK8KaPj8R+nd5zbagsaCzcl7YDzRn6BFeMPUVB"
    "G5nuXabD/YQ5KU0GowMe1pMA/ueG8cAoQC+UDJ1hFxstrQD/MTDuH4Az0TOMIDV226ZK1m"
    "3ZqkV7QZcABGYBTOR9yNPHkyjPA8Z8AYM3YKdYSW3xJCvbbpfTrO9YNALPD+4Pfy1NDC8x"
    "O3CrdE14pRtzgMhrB7Vz4BKGedFTRo1/CM3b8gVL9ZJk8+St9e+pjwwCqhLcifw5/k+rdq"
    "KlaH6GW9q+kyPH89UmRVbnGdqW6rP99m0J7Ylb5SrPoC6rO12IX03I+EsodoXxs/okdmz9"
    "TU0L6sEPAYgzRPJLLvclT0x3aYGVMNg0XfPs7h0KDld34BQ6fCtwkwyhiBv4oR8fvD8pAT"
    "1plot9WEl960R5WrYByOPpT/Fo8nuqMytaoQ9Q7/YHA3V40+9dqL2uqieevzNlU4s7pH4Z"
    "qYNe50ofjvqDzgf1TKFLtvHBHR+UYnYBq2lG+44lMq6i5g0UYQfHp2VkGG6WL8SCyiy+pq"
    "tj8eOslgQWBuhz27YgQDn2PUVKgT7GtLsaNOuS5zXqz/v9q4xP81yjoi+92+tzdfDqMOAB"
    "bmR6maBMgnswUQtljoknv2DlsujnxsP4xJvjY3vw0YcRsvbh8bvj06OT43VgbF1SFA/LgT"
    "mcDzPwFnvws5QVOPA3I/2cZn+T3PeGAwFXfBVzOEUm4zO1ZnDixdrGwkuoa23VaT1tpHWu"
    "tG8kEJr6cYdub0gUV78Z9LvqcKj1PpwpTNE6vs1EvUnkOI4g36E4NBtHY9UvN9qAFEQX9Y"
    "i8Rs5K0cgRRdY8K3BXASTKOSwoSFlqKU9rLU+xbQMNjDxmGTTuXX8hMsi4xM0batULtW3A"
    "lhgLKo45aL89EdIZa4rm4Vu9N981/+R42opyN2OKBs1OnyV/M8H8wQHLJZa393DFgx4BZ8"
    "WHniKk/TMrD7r7x4MiOK/65xkVjD/kc63XGXx9dd358jqjh6/6vQ9x+7R6Pf86UjsUAzB+"
    "grHYhGJHQqVJEUJj7qN7nS9ZcsVKlqhBwqUy1xeV3CHg2KUopV93g1+XyRPLT1zKzdmzTH"
    "TP8XCcR71cfhpAK/D4cjjCTSHLJirt52SLSSZ73GXiVxd/8mGOFpP1FVf9VpTyZaQabcr3"
    "ao3mUIkIFIAmCuYcdH4GHMbXM9P1oKO8+jQYvH5Du2REaZ+wUAcFnQILKzP8IZneSkf+Yi"
    "yWLlPURzUOuZdd05N10ByWcc8c5jtnDl9vyA6DC2AKhUTXBM2b3xy1y8SbcauCGSQTcV7Y"
    "Y9MSSuZIKJoHcSmECwBm8Q2llXC0OU0mLRKBSLMFXI9o0qnpLMR9uyz1s4RC6zKl3AvXro"
    "D9uVv7KbOEgWtG0Ysciqwppm2lSfTfU3m82DJZLG083zFWgbPkB5Nh70DDXJrZPHnCPX9s"
    "me48SbdPUoPpGi6NzLSXmfY19PHIRPs9dKOFaAlnf1NkdU6RqNPXvICui9WgLv5Vs5QNnD"
    "XIhPuGJdxnDKDyijJF1ECwqxfiFkAzH0sHEZTTNA0EuUyOQH6KAJMhEItfz/QEvTw0YROx"
    "3qmq9BcL4HBi2CV0ZUIqlaUQ6GN7wkF8BH/lxFVpukZ85EUOHvXLKOPbiVHlpwzEzVNc6J"
    "IsAlpZ4td2SY5cPNmPHWMirrf8XqQLrm4uuDT3I26J+1ozhJLHdebxxIc64cRWA5shlryu"
    "M6+BZWECd4VF8SLapkYHU4836y/me2FH8huo8zdgunEQLFx2iSCcbLNgNqcTGdAUCGjGMA"
    "bpJICTC1GKCSlqib4I+jNkO1BP5RyJMoDbgeSBAA+Wjr2EjrfSsbnIccj9d9jv5ViYNCGt"
    "dUzDU/6nxLW7QD8VNxz7puWZyH1DbvsSoUMCVPHkj57nUaqFdEBP/vDUGjok323taubkde"
    "azKIe8Howi92sMoxy4tFa6HTynEIsYQsmcyplDp2Qw7CnKhmBIn5AasT9G9cZECLljwt9p"
    "vgIcY26K51lSlNIuE7DL/ub7VJATBb7ql/2BHm1AER6ekCnK26ei+PSFgXpzpYUHBAQXee"
    "cxVHzGAud0B/asAnZPDbGzGVqlPuBdL5w2SWoE2EJYxFRSUGzhwuBnZJd0IkkBLT5xTnJv"
    "BU2fLKW0fmpt/bi24+kTXzgwk6aTLK41i0kMbenYBnRdYRHK0EoZKiBDo5Xh+tJ3uHtFFU"
    "LPEkvsd7G6PDrjz+T5HkXWlKdPFNxPaceuIc/Edter5OUKfHH0oo3f5qbr2bzEvu2xGwY9"
    "q8hzGvXpPd/yu+JTbIo+1LJL8nTBI25afUS2LUh38Q9X8V2o2FPFxnVJf/9SAEr9VIKVv6"
    "6CX31F9eCyuyPs7jbcVYScdYoJLvRCQqH1fvJEVFL3HCeiYuPU5EeycxmQJtlq96G6yayq"
    "tx9KaVaxxawMoTyLTh739xwQM4a2PO7vWY/740uPCsBupCFOA82IzTqdqZhv3G80TqmZQG"
    "nrNImm7fjwRe4Xnrp7cFSw2E4P0vJ7LstPRmxlxHZPI7byjAR5RkI9bZVGBJhCvS0wsNYE"
    "zRtSO9jzWU5h5RS2HjDv/4n1F/hBZiB6fWY6laotnD9Nsu0q3myvaBdg25kBZP4ZLYpbF6"
    "e3WXuSI/3vMpd6ou82f5a0H9tAs+Jk//eBTniQM0jKwp9D3jzk35cA/n0u7u85uxXXeIvI"
    "F7QJK9u1RiC/ZZdKtJ8aIDw1mqkvVKQ23XKX/sdcRVhneVGjDfsrERdFmlNsN065DafYNl"
    "dL4JCIxxM/9uJeGneEUwXffA2Fds/2zKlpBNedyQRrYHeTHOeRlBbtOkpRE8/SmrzU4S9j"
    "3zURplDS3ShRN+tjXM6ClCXHflCW0Ilr+SfCPLVD7rQtZ0hEdOGYSH7LadqLTtPqrPIbJv"
    "8ynmJqMGwTSaT7qLP+b6nXHe3qTAn+3aHh9fBMwX+2iYqdluDEaS4nTnM4IeS1T0jqjPmW"
    "X3plByTVRN/fQMflT8+imkLtvUzavMiUbD/caDWanO3+NDU5P2usQ2cQueB40mJdVygvnH"
    "SrF5EYdfI+1kguVOhKKLCmHzA+T/UsFHYiLessUxjLOthqX0djEcTTNFJKl/OiRZhx1r9s"
    "xJm3AKYBGS87hBluATOUMJeHWe4PK5xWVOH2AA4kC/yJopuAFWcqnuvlYwm3WldXt++9Ap"
    "9fXQxq2+Ib07a1yZCOW9QgqQg/Cv7oJlD6qmVK0V7Z1jKlqCGzmkQECYCdIWrgvOawzKmF"
    "h/lnFh6e1Mj1dOtCp2Q4Oq9poT71XXJi69bh504SFgZK6BRfx4fhRJnaTiaGjFuNbd8LAs"
    "fpMc+GoavsuBKFL3W81PH7pGmkjm+IjocLYHI8D/lArwma5+SpLAidOd/SHpuW2Pmta4rm"
    "QVwK4QKAaxXk70DHNOY8YymqKbSNQNLmRUJ20pLYgSXxE9uS3P258od7iqSB06WdOM7JoB"
    "JAOGreQHQPD8rIU9yqYAMBRmNFW9+yCOcfNJQief4jhnaIdgG4lR0m9KLK7PH/KIY4JQ=="
)
