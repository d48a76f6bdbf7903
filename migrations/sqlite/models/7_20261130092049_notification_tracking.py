from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notification_status_change" (
    "sequence" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "creator" VARCHAR(64) NOT NULL,
    "order_id" CHAR(36) NOT NULL,
    "notification_id" CHAR(36),
    "senders_reference" VARCHAR(4096),
    "channel" VARCHAR(8) /* EMAIL: EMAIL\nSMS: SMS */,
    "status" VARCHAR(40) NOT NULL,
    "status_reason" VARCHAR(1024),
    "changed" TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_changed_70fadf" ON "notification_status_change" ("changed");
        ALTER TABLE "notification" ADD "claimed_by" VARCHAR(64);
        ALTER TABLE "notification_order" ADD "claimed_by" VARCHAR(64);
        CREATE INDEX "idx_notificatio_creator_805c4b" ON "notification_order" ("creator", "status", "created", "id");
        CREATE INDEX "idx_notificatio_corresp_9f037c" ON "notification_order" ("correspondence_id", "is_reminder");
        CREATE INDEX "idx_notificatio_creator_4bcb71" ON "notification_order" ("creator", "created", "id");
        -- Hand-written, as PostgreSQL's hash index (which SQLite lacks): the order search by sendersReference.
        CREATE INDEX "idx_notification_order_senders_reference" ON "notification_order" ("creator", "senders_reference");
-- Hand-written from here. SQLite has one writer at a time, so the sequence is commit order and the feed reads it.
CREATE INDEX "idx_notification_status_change_feed" ON "notification_status_change" ("creator", "sequence");
CREATE TRIGGER "notification_status_change_on_insert" AFTER INSERT ON "notification"
    WHEN NEW."status" NOT IN ('NEW', 'SENDING')
BEGIN
    INSERT INTO "notification_status_change"
        ("creator", "order_id", "notification_id", "senders_reference", "channel", "status", "status_reason", "changed")
    SELECT o."creator", o."id", NEW."id", o."senders_reference", NEW."channel", NEW."status", NEW."status_reason",
        NEW."status_changed"
    FROM "notification_order" o WHERE o."id" = NEW."order_id";
END;
CREATE TRIGGER "notification_status_change_on_update" AFTER UPDATE OF "status" ON "notification"
    WHEN NEW."status" IS NOT OLD."status" AND NEW."status" NOT IN ('NEW', 'SENDING')
BEGIN
    INSERT INTO "notification_status_change"
        ("creator", "order_id", "notification_id", "senders_reference", "channel", "status", "status_reason", "changed")
    SELECT o."creator", o."id", NEW."id", o."senders_reference", NEW."channel", NEW."status", NEW."status_reason",
        NEW."status_changed"
    FROM "notification_order" o WHERE o."id" = NEW."order_id";
END;
CREATE TRIGGER "notification_status_change_on_order" AFTER UPDATE OF "status" ON "notification_order"
    WHEN NEW."status" IS NOT OLD."status" AND NEW."status" IN ('COMPLETED', 'SEND_CONDITION_NOT_MET', 'CANCELLED')
BEGIN
    INSERT INTO "notification_status_change" ("creator", "order_id", "senders_reference", "status", "status_reason", "changed")
    VALUES (NEW."creator", NEW."id", NEW."senders_reference", NEW."status", NEW."status_reason",
        strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));
END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "notification_status_change_on_order";
        DROP TRIGGER IF EXISTS "notification_status_change_on_update";
        DROP TRIGGER IF EXISTS "notification_status_change_on_insert";
        DROP INDEX IF EXISTS "idx_notification_order_senders_reference";
        DROP INDEX IF EXISTS "idx_notificatio_creator_4bcb71";
        DROP INDEX IF EXISTS "idx_notificatio_corresp_9f037c";
        DROP INDEX IF EXISTS "idx_notificatio_creator_805c4b";
        ALTER TABLE "notification" DROP COLUMN "claimed_by";
        ALTER TABLE "notification_order" DROP COLUMN "claimed_by";
        DROP TABLE IF EXISTS "notification_status_change";"""


MODELS_STATE = (
    "eJztXetzmzoW/1cYf7ntTG8nSdNXdmdnHIe07HXsjE1u21vvcLGRHW6w8PJo6t3t/76SeA"
    "kQGDnGxlRfEix0BPwOHB2dl/7bWdoGsNyXPRt6+szrXEj/7UB9CdBB9tQLqaOvVskJ3ODp"
    "U4v0nVGdpq7nBGPNdcsFqMkA7swxV55pQ9xZvQdSSCDp0JAc4ALnm45Po+OF6XrAkZ79Nh"
    "o9f4kHNOwZGtGEiy1ofWj+2weaZy+Adw8cNMLXf6FmExrgO3Cjn6sHbW4Cy0g9PiSD6pZm"
    "GgB6prfWoL+cojEQAemteesV6dm7151rQo/vdqrNbMtfwk1jrNbevQ3jQdAj4tYFgMDRPW"
    "BQ8EHfskKgo6bguVCD5/ggfiAjaTDAXPctzARMHdxX0tbRtMFQ1cayqmmdHIMiCgr3sAkh"
    "j5lrQs8lWC3175oF4MK7Rz9PT38E10nQCXrhC/7eHfU+dkfPTk+f4wva6A0J3pxBeOaMnP"
    "pBhtA9PRiEcChhCVjqpsWDf0ywFdghlDHWUZcE7OQF3zvar85OKsCNehXiTc5hwOlPfmqi"
    "bhwIJxTtg7gSwiUA5/ENpBUw8ghf2rYFdMgGmSbLwDxFdNvIjSpAxy01IF2C7OVw2McjL1"
    "333xZpUNQMxHc3lzKSJQR51Mn0SLMyUDN4W7rrIRzh3HSWLNSvEGKeuQRs2PPUGfCNkPxl"
    "dHB8b3wJH1TlRh6r3ZvbFDOuuqqMz5yR1nWm9dmbzNcQDyJ9UtSPEv4p/TEcyARN2/UWDr"
    "li0k/9o4PvSfc9W4P2o6YbNCZRc9T0A0/f8wdqtsANU3328Kg7hpY7Y5/ZRX3zp5Zny2yL"
    "DvUFYRJGE99nqCRdAQss9BD8nApFnS3Voox0v02KVDGTGWrP11JlxHYWOjT/Q3pQzYg5tu"
    "/MACLp/Kuq4mQyPjQFeuxvzGR9V+jlzH5J4WfTXFVogW/h17PT87fn7169OX+HupDbjFve"
    "lnxqkeQqVn2OQxvNC7PjV0cTHhR8JFXhLyBvH/LvKwD/vhD39wylKRZCHHBnyOqC+ZD66e"
    "vXVRTU16+LNVR87kdTJtEh9YGwptHU+dKJ1M723OlUWnUibLK8aJDdYCfiomzmXHKtaKP+"
    "QmAUCwxaPK90B2kT2hNf9vJRarItHPU730ChPbA9c27OyHHXMNAM7G6S4yySyqIdrQQTar"
    "xSjMkr2aCnvmtCRCHRw0jhMLE1+UKyIZAc+1FaASc6yzZMP3VA5rKt4JMI6YJvIvktlmkH"
    "XaY1ecpvmfyj56Dsx5DHW0ZoEswVdFc6nIEc9tkxmjz/d+SbrtK/kMi/CRzfjC8k9CcrlK"
    "pw4l0FTrwr5MS7Ak7wvPQUSZMxP7SfpiHz/S1wXPbyLDxTOnuvkj4HWZIdhxmtQYuz+p26"
    "Yn3WWoPOKDTBsaRFfK5UXjh0r4NIjCZZHxskF3ZoSijRph8RPk+1LJQOIjTrNFNymjWa3y"
    "ygwSkP4jSNkNLVrGghZnALnGGNFrJ2wgy2gBkImKvDbLpB3AxRkHVGyF5puBODWkQ9cUQ9"
    "OcDDyCG8DH3NWIoXWvnyhJstfkfwvu/A5tcUhdq22Mq0bW1SpKMeDQgqQreCXjoDCFu1CC"
    "k6Kt1ahBS1ZFWTiCAOsFNELVzXnL6p8nZnA3ypt/tNg0xPdy5wKrqji7qWzqc+InqC+7mb"
    "uIV1KTCKx/5hYEhz20n5kFGvqe17xHFMf/N5N/QuB97JhC/meDHHH9NMI+b4lszxIllQJA"
    "seXbJgQ7Sn7swzvyFJz1KX4nOl+pFO9zqI446lT1yai59FpXh/dvbq1duzk1dv3r0+f/v2"
    "9buTWLfInypTMi6VD1jPSL22mxWPp0RiHUUE1u3dZV8Zf5SvLqT4cALDQ+26q/SpU+HvCb"
    "yW1R6hCQ8mcCR30U/8dwJ7w8G1MrrB5+PDCcQSQvkdN0ZHE3g3SFqTY3z90Qf5Srv8oo3k"
    "nnKryAMV30Suke7Z7avKYEB3C1rQlVW12/t4g/qPtavhp0F/2L0i98Fsn8CB/Ls80oInSo"
    "6jdurpMg2ox1BVrpVeV1WGAwQ5vutcU6ZXBDGjEeE8HH3qjsjNxocIX3Q7KkE3OMDoj+UR"
    "QTE6yq6oqk2vlWbXksk1pzPOZr6DFmya7uW/ovKs5QzpDlKWm2a2KAH7KHKWU/GSM8/mWg"
    "7EBO1Tod6cV/iM3pwXfkb4VMbdC74zvp8SV2/Yv33Ynp6cVUEXdyte2pKTaYRnNpI17spG"
    "zwgLgqTu7pQrNtxM4gz2vm8aL/EQ7RJUwZQQSB5appAnZawDihDPw31tO8BcwN/AOqdlZa"
    "CNCzxlBzxOmJPW5GN09Md4acB+3bCzG1gg8KX3uuMeUmU6Pw6z7MpwglmMK8ursppcub47"
    "dv66AI1NRKNpgOXK9tCF1toDWOesvl87DpiZKxME6yn0Snp+EGDgTy3TvcfKCiKhh8ydYd"
    "JwLf+KJdHuRc/mNWDn73MfzkiKGLkS/nP+j07jZFHZMq9J0bFNsmXWElWVfBtVcaa+ptZB"
    "vHttMUBL401IyJA12WrRpLd5CVwXTYMa/1udp2yfvl6jAHE1B8yBw9YeN73mGeIWvuznJ+"
    "+rBELgboXYByezUZmUAlR9oqSIWgj27oW4pcOFj6QDD8o0TQtBrmKdLDZO5myTkfglcfHb"
    "yO2YsI1Y1zpV+sul7qy3misTUjFZcoE+tQ0G4ir4XuBHzNK14iUvM7nLn9WUtT1C9dlN9/"
    "PzlMW9Pxx8iLpTXOj1h5cZ8DF42r23ZARwFCOfImrDW75v1B2AHttF6GiRiSXyEPE4oIpH"
    "EeVzm+yKCrnFXyc5RSh43GQeGz7QMCe2+rBzxILXTea1blmIwF0jUbwMfRyaPvdYtpZyvp"
    "cOJN6BJr8DUSqtswzjhwEwuLcfKB5EpOVypOWKpOiDor+AtgM0ar8gXgYwBxA84OBBMJHM"
    "bQe7yvHt8HGARS7w58B/5dgr4HhrDanrDDP0P8fDQYGGnyXMzvrmzJP+J0Vn60Cf8pZPfd"
    "PyTOi+xJc9hMMcA1W++M6uszNTOx4gu/gG35FGhdOsYgcLo3RDMYsKyJvBKHy91jDKAStr"
    "rdnkPrlYlCMUzNk5c7KBSDn2lMUA5UifEBB0PIuajeE/VOyhA8gT51AtX0BSZCIcvenrRd"
    "2Z3Zv8e9RlKIVexqGXJaGN26RLUYGRDXY1ocdWVKXbV/7A2TbUjyAF6ot2PRxpYbpUkA+V"
    "aopTqzIJV+UJVSP5tq8E2T3koCjFasdpU4yErXyiEbr3MIMpSlriTbdiJTl1Kr3WdacvmT"
    "hMSN9ChERUQnxsYVhi73FZ0bQnxDb/cjqJQ+dUiNKUQidqtE7k2o6nGT63u4ymEyxuNIux"
    "Z3Pl2DPgutwiNEcrZCiHDEUXxTVHtZXvLLihzxML7Ddgz1FgJJWkjIt5mCyL5GVIe/3bCF"
    "hFbhFG6ZDjlHa5HEPGOk67N13PZoVp8mCVzvQbk5Fl6DmtBS/x6zzxLbtOOYjaCJXuefrs"
    "folFn2XChyfilX7TuvHYbUUvVbXRdnBSy9MApItHDp0wJekozcN54PaX7kyLuI2Zzxl5WD"
    "UJWktsZbUWpfrKzjWnrk6qePBlL4viVfjcPopXCXussMe2yh4bKqa85XAyZG1IqdhPVZwQ"
    "uNm9Dpmr2g2Goxy1MB812nwkinjVmdErSkyJElMNgfn4S0xRxhHGIittOqm8qkqH5FbY/U"
    "DCfl7g/OJKCalkzyVdQjB5wJE8m2xJAH7FNbnjHQ2eYYMvHlqa+Ccn+tvTV88RG+6BZPgO"
    "vjXp0XYe8Di4VgUe0vQYOyTs8eITOIGfHBONCqVH07sn/WPdEN3IDCBUJBOSE/F9octAVy"
    "dhen9Dt/WXPSWDumhIiSTeSDN7uTS9F9LM0s0lvhihtx8n2JfrohM6NEhbmlOS+wjACl3o"
    "VwDRd+UDF3Vco446GtjBj4K45doYCiQwyIVtB/0y0J2R50OXRi+Dvnbx4BMYQYQuBsE3dB"
    "KRAXybL6URQIgDI3ns1LYTv0j4dbbn8+KNJvJCiBRoLygvliy6sD9GVAY7eGWwPetETZsw"
    "6laKgm+B2nOmKsw5whbCXct2B4n04UabHU0skC5AOpmWuS0WDNL2LbHOTqrtNVG22UQO9O"
    "OzeXZu5cGVMvjAOS9GZBdSeDCB46hlTLWo5KeaNQtuY9Dbzc5qDAMT0hhdViLjRpNeQti+"
    "z6Muo56O1PjlyuPZUJcm2Wor3a0+jJO6YN7JZmXpqCv+2MmESlhFG20VJWvTrbawSFOKCh"
    "ON5rJICWs3g10cZsT/DVNk4gNuMn+Fe0W4VxoC8/G7VxQ4tb/3bB96xIydc7Ckzr8oc7GY"
    "uCdCJOm60a3y0X6UltieH/gxXOyMwI6MaLcF6Rk21NNVhExv/VzSoUQuJrn39qP7QvIhdk"
    "QQo77+qJsedi/Q9Z8uci6VfV14AgOXBsKEXONPQj4OStv+yfLQvCBOFexg0aU5eMQuEldC"
    "VwucFbqzAMQ3ga10aCTir/kNrDxpupawZXuqu6iDYy4W5Kmg9Gf6DUTXXJoLh9xdeDcRy/"
    "58Tjwp+EJraaUTJ4juSVGtRPfFhDwteuzwEV3saiGZDG7iinqGiw2ZM9QdO2Nc/Dg44wFd"
    "7oU09a0HyV/hWdR9Li3tb8CVKHzQM5sYpkf0TJRD6aWkoj76DOerSI5vAekv31gEpC4IAJ"
    "quyUAuenfRgQPwmFjiEwdU2D0NBKYpduWkqphn9v7I1rV60n7hIkQSn9tHiKSoZr8XN0+z"
    "99c5pA28jpLfx1yh7zBK8A4zAT3bY0FeKM/j/sKwmoUyUKQ4sEwIBJi5ooWhKpqqgcrjAy"
    "iiF1BzJqTWuXCj0t4Yy7Z0UlzJrvfpfvWmGCU+V/B9ZaIpn7FVYiaUnJy918lE5aX3YhTx"
    "UoeNlxKanthKsT1bKc5NC3BvpJgiEm9ytTfZMN2Vpa+5wc7StS8ORGyheCjk69pCkUyelh"
    "2m7hPEmOhvjldjj9RkVnSCbFatNxyN5PHtcHAlD3qyluSiXkibekyg/FmVR4NuXxurw1H3"
    "g3whZVuytv1q7K7E7BJWZxntOwxLQPF3FXZvoQg7OX9XKdTz/F1JrCc+mTN0IfHjrFfMyI"
    "1NVq4Uqai4xGHjIgu1QOaYUDP0NU8wIZt4KytC0176HZtsqPVwDt7yqJU05V4CV/ap9rcq"
    "bkUEnrWbwceXkbCFVldcheXuFtcV0W5Hw548HpP0hFxTURWWoAZKVAslX9lE/nyrjHBDeL"
    "CN1ieqlBx7QoOoUvJTyVOk24AZ3pZ3dg9mD66/5PnImMTt+9R2L9S2AVtgzDlx3Otnr99w"
    "zRkxRfvw3b013zX/w7C0lQXbRRQtWp3uJeAuwfzR0VcrJG+ZCeeXJtSdNRv6DGHWPrP2gi"
    "rOx8WDMjjDncHiKRi9yJfKoDv6Eu8jFs/D/eHgwyVjJ7HLL6rczTAA4cfpi00oahIqbfIQ"
    "zu59+KCxJUuhWEkTtUi47Mz0lQnu4DDsZiiFXbeOSvqZBBZRvbtKFtAei1CXh4GVYV25WB"
    "pnjFhnCLNVvH5xJd8FUZJNMt7fcEZN8lPCuSPADTJzMuka+bJo9V2mYnUvCheRA9IglbQ4"
    "ZA1pUCZnMCxNsr/41yOav6mtHfjiLnOEIgtX1JEVic7NhHmXic5s6bEDsFupS2aBzonNJm"
    "WT0xvLsPTR1PlSHRRme+40NeFrx462vcHuIAjIUjGqMVlWrJXqHtVtxSkKZLj0pikiP+Gw"
    "+QkUp7Zxx1PkjfbHyzddpX8hkX8TOL4ZX0joT3a1VMVkViVwrzhqLxeyt0Wp16cWeW2aqa"
    "z+yqMHympvNNB1JLWHgHEnLeQp24d3PWkLRxdL1RnInzhnSExyIaE/zIqud72eLJPNmeLD"
    "Ceyio1uVbOoUHk3gldxXfpdJeFR8mA+hCv4nW1FpyY5ShacYVPhxlCt0pFwrTNp0h3gEBb"
    "G7r1xpZKLCG3PddNWYmnUyR0ntrFV0Jqa5HN4NetTthb/j83cDCrR8W9xPVfvxeXS8zbS6"
    "+2QDUUt3/6FnKwurg4aGM6K0KDaMJ/qMOYAIQGt0AJqo99tq9pKKn9t8yylCUSy0yTxeov"
    "WkvuAtUpCmal1wTC0a+wJh8aivt0s0ZhIL3KvgLqr879ijKcrA/wwTA+GV5tkPgLGEKnGr"
    "psmeYJZvlqDakcc6/ACmXHtOpanatyatIb5dJEL9TLKK9i5WFVQ0jQj7KA/7iJ3BTwxAoN"
    "3bw2jM4wR4YxwC/X7xhiDklFfNshd5/Hmiimnou8GgLQK/1oBiFnQbYjcohKuFcGg6RVFn"
    "lUkRedvIyNuQ/VutqrK0QllptLKChsLYMPX/zZ7bhLrRUTfCcSsct/yOW7KrCTtapzTTLU"
    "Un8tw46pcZwNNNrtJ8CUX7DBF1OcdTmh7fMpVBKlar5avVbGj0DhetxwvxxvUq40VrauR8"
    "YDrYsASL7QsVF2CxjWPXkfSkPp1NhjYNpKjbHoAzUlegLI5+5dh4Qy9Nn+Pd4kgMPTUQVf"
    "PONHJnqWh8Rj9WIoqJg56WJimILuLyDxyXnzCysoMgIWnyqqAx7oHMd8iBdJ6yfVpQm8us"
    "Nxr4uqqs09I9h/qm2tA0pVhacSytluh62jaeqRyhcKJnDGjoWVzvKcHGBUMIy2nDLadhsh"
    "Ajluuf4+FgQ4oRK5zLMGee9D/JMt0jdoexmIvxSPE1miLiGmqUSOsxKqjhAS6bs3lpoyfu"
    "WjSmnzo/dwIDi/ntSL6WR0Fl63QD6UufT/2M6LuDK42Mmfq5jbX7tIpqdlqsmJ3m1DLstb"
    "MQA7blME2/xzS+3t1YHd5oSJyPo+1lONidpr6Q0r8n8IM8kEdKTwu3von7sdu3YeTuq9Va"
    "Olz4+oJrSUPT7JF5cFqXMSQjEavIw2JpmEUYIJ3Y0lx/+heYcaVy5wjbN/m8Pq0CNupVCD"
    "c5xwJ8ahuMQFUVfC/a0CZF1Qaoy9Rn+bNarmGlqtRG3bNqFwv3sGpnAN2WswN7pD2Kmtt+"
    "VxnwTg+E6EIi/ybwo3qDVAP8dxtBv+N6HQGgc8dealuU7mBTt+ET2UMVD3fpcssimqYNMO"
    "9bEmH8ArurhmTNlHNvXRZxG7hQ++YSNjRIPU0NobeyTb7CNWzq9uFe1y6KCX5zJK19B/Ak"
    "DbKJRfpg1i5uLqDtAA3hA5xvBUEa5U4J5gDCN8Hhm/BdoCG90QJEQdRnnmbCue0st2HHxr"
    "EEZzg4Y38DjmMa+PVemK4HHLxD05N5xDGq4BYHt7COg+6COJC0lW2Zs4LEzgoludhD7XHB"
    "dtX9gr00vEu2kOxCCg8msDsIW8KDBizejrBc2kj+oIxVOdrMkYMjCeWFlBxPIL3zZGrLye"
    "CY7C8ZHU5gb3hz25dJRH58GITza73h4EpRleGA3MaNrAbR/fl2NEp30JP7JF4/PmyG1VZU"
    "CTtAlbBUVGMO8w0VwrLEwl3faHe9qBPyM3FZlLTYV41dy7Yf/FUe7QohMBTt/gNhqODsqW"
    "9angndl/iyh4jPriU8Rmxg33JZF2og/CxOEYr5rMk8btSmQsfD52PeU6iZKO9yS6EqpWbo"
    "bLgnbmHZ0pTJvVWZGRMLQ4/UH+tsyHNM9X1ROd0xVeOM0B2k6oyLA/GZn33pZuQUlahAs5"
    "sKNCLtsPYlnChTt+NMoMbUVWimBvFEdEXK5uFSNg+c/LEfzJu7N1uZu7DMKdTSqVBs0bNP"
    "tOtyvm1ZDXnvZZAbkpF8FJarnF3lMNV5usAxZ/cdxlI1PPOibGGqJ30aU/r0Z6l7+sSwzu"
    "L15Dek/TED1YplO0XSwkm0ns1NVgxHYMkGsiuW768N6J6eVNFRUK+SKTOnpYTZUzyuVopE"
    "lBrg9KUedDL78X8Gj8A5"
)
