"""Full-text search over message content: a stored generated tsvector with a GIN index.

Hand-written: aerich cannot describe a generated tsvector column (stack notes), and the models do not carry it,
so SQLite never sees it.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "correspondence" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('norwegian', coalesce("message_title", '')), 'A')
            || setweight(to_tsvector('norwegian', coalesce("message_summary", '')), 'B')
            || setweight(to_tsvector('norwegian', coalesce("message_body", '')), 'B')
        ) STORED;
        CREATE INDEX IF NOT EXISTS "idx_correspondence_search" ON "correspondence" USING GIN ("search_vector");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_correspondence_search";
        ALTER TABLE "correspondence" DROP COLUMN IF EXISTS "search_vector";"""


# The models are unchanged by this migration: aerich diffs the next one against this state.
MODELS_STATE = (
    "eJztXW1z2rgW/isePrUz93YS8p7Z2RlCSOtbAhkg3d02OxqBBXhqZFaWm7J789+vJL/bsr"
    "EJBOPrL4kt6cjyc6zzJunwT2NhasiwPrQmVP+h01XjWvmngeECsYtE3b+UBlwugxpeQOHY"
    "EI1huNXYooQVsPIpNCzEijRkTYi+pLqJWSm2DYMXmhPWUMezoMjG+l82AtScITpHhFV8+5"
    "MV61hDP5Hl3S6/g6mODC0yXF3jzxblgK6WouxGn6mY3om2/IFjMDENe4GD9ssVnZvYJ9Ax"
    "5aUzhBGBFPEnUGLzN+ADdF/WeylnsEETZ5QhGg1NoW3Q0BuPQVDWAKDXH4FhZwRAowBGEx"
    "NzfNlQLQHAjA/h31fN5snJRfPo5Pzy7PTi4uzy6JK1FeNNVl28OIMJ0HK6EpipH9XeiA/I"
    "ZEx0uMsLXgQNpNChEswI0BcAJvBvzyHpYHshOKCyYUM8QQlOeLQxXrCXjPPCQz6LGV5BwI"
    "3gI9ycHY2Hx5uuOvzUub1W/Msn7F6Cu5baDVW590/4rjNqCxr34gkPOi12y/8+4Xa/d6cO"
    "7nm9f/mEW4P2J/ULL/SunvBjLygNrvnzBx87t+DmDzDotNUHtdMb8UEkCsMtW92R2uuFmz"
    "kl7MmjUav96Z61H4Lb/m+9br91K8YhLX/Cvc6XzgA4bxRce+Wht4sVsBb9kXqntlsjtd9j"
    "kPNRJ4pirTyIJYUMSfbgkcDRueA4DzsDgZd31cg3nRbwJzAQntE5uz1pZsyUL5wPrcG7k+"
    "b76HTpuTVNUcUnTjBRzMnEJgRpANLkfLll3znVF0gusWKksemiubQfvIvyTJ7csiwD7JF6"
    "3xmOWvcPvPuFZf1lCMAYs3lNU5SuYqXvzmOM8TtRflNHnxR+q3zt9zoCTtOiMyKeGLQbfW"
    "3wMUGbmgCbzwBqYUy8Yq8owmimAE0iF4ly9voEG8lBV+WUhZPRaXR+mmManZ+mTiNeFZ1G"
    "FP2UzJ90cL321cP2+KiZB13eLBVfpzKK8MRkssZamuwdmdIGMvPq8VG9lcMtJY5hb9u69o"
    "F3US1B5agER/KEZYp405cXbr9Ov0ttqChoSbjvTIL0Gf6MVgl7Kgata7q3Ex0eJsxBaTAZ"
    "CXz2nQD558bwYCgg6kiG1rDNjJaGwH8MJ9+fIdFAhBG8xmyasRK/bbJq0VzESyCGMwETfx"
    "8+ep8TmDoeUcK/8qoy3atJqNE676oxmiPFJVAg1hQGDSI/IK9m1zPdoogo7z4PBu8/xG2i"
    "orSv8New6BQajFsIU+Y6AuYojFEhlZnVx3a8if26dlFBf5xHzB+nC/nj92ucOLSAulEEf5"
    "+gemr1pHmUy/Q/yrD9j+I6dWGOdSPFT5YjHFBUD+JcCGcAnMTXkVZIFgkyTQNBLAc5TBaD"
    "eczodqU4/ZK3NVBu+v1uxIm6UWPhnt7j/U2HyRKBPGuk00gUKMDbgBbl2nmqk4UM9Wx/Nk"
    "m9BZe2ZF/8oXu0CXN1X/ZTxJKVmlFxWzfLmkq03WrI+lvDQqxvIaCZZbJYmpQ9aAW+o1Xj"
    "z5h99I1Jn4m+1JETeWYmPbXFaJf22NCtOQ/2MJJwl4kaKU2hQHm6J7d91229SdX4ZWrjib"
    "A5xZP4n9NfG28/Rdf4clm2FGtp2iTFcU7X9zGyXYXE92fFNs/O8mj9s7N0tc/ronoomBt5"
    "cQ7NpspBvP1om4MWELeFQfbJyry+U6aveYEsi6lBUPyrTlJW0GvYnQCxAEFTROTRt3WfeY"
    "y4gh/76dHVeQ7oebNU7J3KuNcWMoDyK8oQUQXB3r4QNyCe2Uw6FEE5TFNBkPOs7qYv7ibW"
    "dj3xS3VaMMoTJ6wi1jtVlfZiAclqI10ZkNbKshDoY1OTID5CP1N2XMXpKvGRZwV4Or+PIr"
    "EdD9V3963f30fiO91+76PXPMSFdrd/k1CW7LUtBg/wnH0vMFYk9JbeSx2CK1sILsx9l1vF"
    "Y60RwprHZeaxZiPAObHRxE4Q17wuM6+hYTACa8VE8cLdrQDglMq8/my+Z3ZUfwNl/gZ0y1"
    "sEE7sZAEZIK7yEmd5JvaBZYEHTg1FsJ4GSvRC5mBCirtEvgv4MmwSB0J6jogyQdlDzoAAP"
    "lsRcIkJXgJmLkoDcf4b9XoqFGSeMax19QpX/Kl7tLtAPrRuObd2gOrY+8MfuY+mQA5Xt/M"
    "X9vJhq4R3EnT/mWiPC97v5oWarCItSyMvBKP68yjCKoKWxAqYYZyEWJQhr5mydOfEtGQn2"
    "ZO2GSJC+YmvE4RjVazdChHaxEyTeOIFqtgMTIqsPNpXdX4FkMteL77OMUdZ2WQG7LNjktc"
    "kR29AWsRIH3dlrqyO11VW/8nOboRvn2Owf4K4/AO4RW+cMbaTIP44bO6SbfQh30Hnoqs45"
    "UXGRdix3y0dtJYd8k0dW2djdU6/eQddiR3QbuT7gXR951fnWCLiBsPCoakGxQQhDviM7Zx"
    "CpFtDFHedg721B0ydKWVs/pbZ+LJNQoNmFF2bCdDWLS81ivoa2JOYEWVZhEZqgrWVoARnK"
    "T54iTMHSJrPC0CeJa+zXYF/gdE8ksQVP9aTLYo83Lu3d5wEy0gLwksRShyntEufSJR4bmO"
    "sWNWVb04pgFT3dNBQ9dzAllQLv7Q6QhQFce5YshnbeY2Ug8Ll3mhDtmzz7QejpIq9MsfNg"
    "deI0XvcWidPquE4d1znQuI6r4IqmYoqRVW/T9a4yMrnATeYQS63jNQ5ogrp2Q0vthtYJ5H"
    "Z5GqpOb1anNysJzIef3uyWDWQG3ddPuFOh2kz/SYu223JKjqxcYSaZQaz/7W6d9YvDyRji"
    "eTsKuVP/L75U8/j04vTy5PzUd6H8kizPab2XdBjJ4pLi5PCzxYUyF8snSV74U8irh/xVDu"
    "CvUnG/kuQ0K3EimT3ahFs721qSHFf90ASRqdFIfaYiNeMt9/KDDGWWFyVK67kVcZGlOYvl"
    "7KmT9RQ7DL+EhC86vvJjz+5lR/78QX/zJRTaPZPqU30irluaxjSwtU6Oy0hyi3aAQ9Q8su"
    "ST50oRPbYtHTMKJdyN4nbjJ3u+VkyMFGI+K0tEvFp53ujXdih121KmhEvnzIngvnbT9uqm"
    "lVnlV0z+RSLFscmwyUpivI8y6/9G576ldq8V8e8JD++H1wr7s8mq2GUOTlymcuIyhROFov"
    "YBSZkx3/BL31oa9ZLo+wdELLl75tZkau9l0GYvLtlhhNFK5Jzt/jcXav+ssgGdgRuCk0kL"
    "vy5TXpBwq71IjDJFH0skF7YYSsiwpp8ZPq+NLGR2UlvWUaYkLGuRkBPgcRHEwzS1lM4XRX"
    "Mxk+R7WYuzbNd0BXa87BBmtAHMqIY5P8x1Fql9HiIiiB8D4opOgyuJK54a5UsSro/4HcD3"
    "voWYX1kMatOQG9Omsc6Q9lqUYFMRGwr76DRUx6rrLUUHZVvXW4oq4tUEIqgA2BGiCvo1x3"
    "l+2+Q4/ZdNjs9LFHp6tBDJuRyd1jRTn9oW/12njZefW8GyMFScoLi/Pow0ZWqSyBoyazU2"
    "bSoWjsNzPrkMvc2Ot6Lwax1f6/hD0jS1jq+Ijq9/y7v+Le+3jKNt5be8S2I9tRDRJ3OZse"
    "TWZNpGMGizlyW72pLYgSXxg9mS0nz06dM9RFJBd2kngXM+qQog7DavILrHR3nkKWuVkUAg"
    "obHcBFlJhNPTkYdI3j4R+Q7RzgB3aynH96rMXv4HALEx4g=="
)
