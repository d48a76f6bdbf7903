from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Hand-written: SQLite cannot drop a NOT NULL constraint, so `activity` and `webhook_delivery` are rebuilt (copied
# into a new table, which takes the old one's name). `webhook_attempt` refers to `webhook_delivery` and would lose
# its rows to ON DELETE CASCADE when the old table is dropped, so it is rebuilt with it. AUTOINCREMENT counters
# are carried over: activity ids are event ids, never reused.


def _keep_sequence(old: str, new: str) -> str:
    return f"""
DELETE FROM sqlite_sequence WHERE "name" = '{new}';
INSERT INTO sqlite_sequence ("name", "seq") SELECT '{new}', "seq" FROM sqlite_sequence WHERE "name" = '{old}';"""


_ACTIVITY_COLUMNS = '"id", "type", "occurred_at", "actor", "text", "correspondence_id"'
_DELIVERY_COLUMNS = (
    '"id", "event_id", "type", "correspondence_id", "payload", "status", "attempts", "response_status", "error", '
    '"created", "delivered_at", "next_attempt_at", "subscription_id"'
)
_ATTEMPT_COLUMNS = '"id", "number", "started", "duration_ms", "response_status", "error", "delivery_id"'
# The indexes of the rebuilt tables (migrations 7 and 9) go with the old tables: made again.
_ACTIVITY_INDEXES = """
CREATE INDEX IF NOT EXISTS "idx_activity_corresp_df1685" ON "activity" ("correspondence_id", "id");"""
_DELIVERY_INDEXES = """
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_5b6f00" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_subscri_1af5be" ON "webhook_delivery" ("subscription_id", "status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_att_deliver_cf7a91" ON "webhook_attempt" ("delivery_id", "number");"""


def _rebuild(*, nullable: bool) -> str:
    """The three tables again, their correspondence columns nullable (upgrade) or not (downgrade)."""
    null = "" if nullable else " NOT NULL"
    order_columns = (
        """,
    "notification_order_id" CHAR(36),
    "notification_id" CHAR(36)"""
        if nullable
        else ""
    )
    delivery_order_column = '\n    "notification_order_id" CHAR(36),' if nullable else ""
    return f"""
CREATE TABLE "activity_new" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "actor" VARCHAR(64),
    "text" VARCHAR(1024),
    "correspondence_id" CHAR(36){null} REFERENCES "correspondence" ("id") ON DELETE CASCADE{order_columns}
);
INSERT INTO "activity_new" ({_ACTIVITY_COLUMNS}) SELECT {_ACTIVITY_COLUMNS} FROM "activity"
    WHERE "correspondence_id" IS NOT NULL;{_keep_sequence("activity", "activity_new")}
DROP TABLE "activity";
ALTER TABLE "activity_new" RENAME TO "activity";{_ACTIVITY_INDEXES}
CREATE TABLE "webhook_delivery_new" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "event_id" BIGINT NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "correspondence_id" CHAR(36){null},{delivery_order_column}
    "payload" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "response_status" INT,
    "error" VARCHAR(1024),
    "created" TIMESTAMP NOT NULL,
    "delivered_at" TIMESTAMP,
    "next_attempt_at" TIMESTAMP,
    "subscription_id" CHAR(36) NOT NULL REFERENCES "webhook_subscription" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_subscri_514d76" UNIQUE ("subscription_id", "event_id")
);
INSERT INTO "webhook_delivery_new" ({_DELIVERY_COLUMNS}) SELECT {_DELIVERY_COLUMNS} FROM "webhook_delivery"
    WHERE "correspondence_id" IS NOT NULL;
CREATE TABLE "webhook_attempt_new" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" INT NOT NULL,
    "started" TIMESTAMP NOT NULL,
    "duration_ms" INT NOT NULL,
    "response_status" INT,
    "error" VARCHAR(1024),
    "delivery_id" CHAR(36) NOT NULL REFERENCES "webhook_delivery_new" ("id") ON DELETE CASCADE
);
INSERT INTO "webhook_attempt_new" ({_ATTEMPT_COLUMNS}) SELECT {_ATTEMPT_COLUMNS} FROM "webhook_attempt"
    WHERE "delivery_id" IN (SELECT "id" FROM "webhook_delivery_new");{_keep_sequence("webhook_attempt", "webhook_attempt_new")}
DROP TABLE "webhook_attempt";
DROP TABLE "webhook_delivery";
ALTER TABLE "webhook_delivery_new" RENAME TO "webhook_delivery";
ALTER TABLE "webhook_attempt_new" RENAME TO "webhook_attempt";{_DELIVERY_INDEXES}"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _rebuild(nullable=True)


async def downgrade(db: BaseDBAsyncClient) -> str:
    """Standalone notification orders' events (no correspondence) cannot be kept: they go."""
    return _rebuild(nullable=False)


MODELS_STATE = (
    "eJztXWtz2zbW/iscfWky42YSN7e677wzskwn2tqSR1KSplWHoSRY5poCtbzE0e7mvy8A3k"
    "AQpAiZlCAGX2wKxAHJ5+BycG74T2flLIDtPes50DfnfudM+08HmiuALthbJ1rHXK/TG7jA"
    "N2c2qTunKs083w3bujVtD6CiBfDmrrX2LQfiypM7oEUEmgkXmgs84H418W10vbQ8H7jak9"
    "9Ho6fPcIMLZ45atOByB9oAWv8KgOE7S+DfARe18NffqNiCC/ANePHP9b1xawF7kfl8SBo1"
    "bcNaAOhb/saAwWqG2kAEpLbhb9akZu/OdC8JPX7bmTF37GAFt7Wx3vh3DkwaQZ+IS5cAAt"
    "f0wYKCDwa2HQEdF4XfhQp8NwDJBy3SggW4NQMbMwFTh++VlnUMYzCcGGN9YhidHINiCgr3"
    "qAghj5lrQd8jWK3Mb4YN4NK/Qz9fvPgePidFJ6yFH/ixO+q9746evHjxFD/QQT0k7DmD6M"
    "4pufWdNGH6ZtgI4VDKErAyLVsE/4RgJ7AjKBOs4yop2GkH3zvav5w+rwA3qlWIN7mHAaeH"
    "/MxC1QQQTinaB3ElhEsAzuMbzlZgkUf43HFsYEI+yDQZA/MM0e0yb1QBOilpAOkSZM+Hwy"
    "vc8srz/mWTgv6EgfjD9bmO5hKCPKpk+aS4P5gweNum5yMc4a3lrnioXyDEfGsF+LDnqRnw"
    "FxH5s/ji+Hp8CR8m/Wt9POle32SYcdGd6PjOKSndMKVPXjOjIWlE+9SfvNfwT+3P4UAnaD"
    "qev3TJE9N6kz87+J3MwHcM6DwY5oLGJC6Oi77j5fv2nlotcMHMnN8/mO7CyN1xTp2iuvlb"
    "q9MVW2JCc0mYhNHE7xkJSRfABkszAj8nQlF3S6WoRbbeNkGqmMkcseevUmHEcZcmtP5Nal"
    "DFiDlO4M4BIun8XVVwsjgDrQ99/hizeOMKdU52JEXDRl5RaIlf4efTFy/fvHz7y+uXb1EV"
    "8ppJyZuSoRbPXMWiz3FIo1It33XJoykTCkZJVfwLyJuC/nA7gV8rAP9rIe6/cqSmZBYSgJ"
    "sha2EPP331qoqE+upVsYiK732XZRUdUgOEt45m7peupA5bs9a1tOpKKPN8IZHioJbpomzp"
    "XAltaeP6asIonjDo6XltukicMB7Z2ctbaUi5cNR9XsJJe+D41q01J9fdxQKtwN62eZxHUn"
    "lqR1vBlBpvFRPySkroWeBZEFFodDNa1EyiTj7THAg013nQ1sCN7/I1049tkLtvKxgSEV04"
    "JtLfap920H2azEu+VEtRzXsEdjTkAdcRnAT0PnorE85BDny2DZlR7+jX3f7VmUb+TeH4en"
    "ymoT/srFSFE28rcOJtISfeFnBCpNdTJDJjfmhLjSQL/g1wPf7+LLpTunyv0zoH2ZMdhyJN"
    "ot1Z82ZdtUFrrUZnFOngeLNFcq90vnDpWgeZMWRSP0o0L9SoSygRpx8QPo9VLZQ2orTvWa"
    "bkJGu0vtnAgDMRxGkaNUtXU6NFmMEdcIYNqsjaCTPYAWagYK4Os+WFnjNEQDY5TnulDk8c"
    "auX3JOD35AIfI4fwWpgbzla8UM2XJ9yu8juC/l6D0k8Wgdqx+cK0Y28TpOMaErgVoVdBnW"
    "4BlLJaORUdl+innIpasq1J5yABsDNEbezdr6v0btbHl+rdryXSPX3wgFvRIF1UtXRBDRDR"
    "IwzQ3dQwbGqhVjyxEIOFduu4GSsyqjVzAp+YjukxnzdE19lwLSu+WuTVIn9c06Ba5NuxyK"
    "uAQRUweHQBg5KIT925b31FUz1PXkrulQpIJl1rqzw0RPIHWlzcjebcakjY0GJyzXaWZ0iU"
    "mTsuEmrWDuI0nIOfPA1H3NlWTHaCpBdCh4SZubMCuBlTw64+C9PGwg0t9OSEpr0+fQoddw"
    "Hcnxg/wSfQYR7zm2b5nkYqo/fMiGeIGHxFjz4h4fAYWm0aPH9uvkGLT8XQ97862adFlso4"
    "1quyiHZuLX8UKe3X09Nffnlz+vyX129fvXzz5tXb54m4lr9VJred999h0S0zEVSQ5ejdBu"
    "kWXKP0hw/9iwJBrqgBhkNBYC2e4WaOb0ouAT1c4cLtKx18Sj40u7BlgHoExgpdHrqP8dI8"
    "Cu/Mmw/nV/3xe/3iTEsupzC6NC67/SvqVvR7Ci/1SY/QRBdTONK76Cf+O4W94eCyP7rG95"
    "PLKcSyQ/8jLoyvpvDDIC1Nr/HzR+/0C+P8szHSe/2bvj6Y4JfIFdI1u1eT/mBAVwtL0JMn"
    "k27v/TWqPzYuhp8GV8PuBXkPbvkUDvSP+sgIvyi9jsupr2MKUI3hpH/Z73Un/eEAQY7fOl"
    "fE1Ioh5hQinIejT90RednkEuGLXmdC0A0vMPpjfURQjK9YuaGa4F1J7i4Ru3O7yfk8QAv3"
    "wjD9/Cgqz2nAkNaQ0EC2rXwJ2EeR0SDjSz33HSFFQULQvs3V65cVhtHrl4XDCN9iViHwjT"
    "N+StxAovrtw/bF89Mq6OJqxUovcjOLMHd/UVWO4hIrSYqjICgCPI/2peMCawl/B5uckMUg"
    "m2R/Yxs8SpTT0vQVXfMh2eDyOxt2gwE2CL1set1xDwkyne+HUccwjOAm6mNZVZavL1e3Zr"
    "cQD6C23VCfAFZrx0cP2hj3YJMzB/3VccHcWlsg1AqgHukHoetRMLMt7w6LKoiEbjJ3h0sj"
    "pMQonocePfHsoMno/N9tAOdEK0SehP+8/P+OdFPRSYmyQia/eZlsHI34W6ZjoyrO1GiSeC"
    "ctjbAYwmWIxioxZC2EupHuvAKeh9ZBQ7xb5ynbJ643OIN4hgtugcuXHrd1c4a4hZ395fNf"
    "q7hI4WqF2Ic3WYdtSgKqvlJSRC0Eu/5J3DbhMkCzgwjKNE0LQa6inCzWTeZUk/H0S0Jmdp"
    "m3E8I2Yt3oUhmsVqa72WmtTEnVYikE+sxZcBCfgG8F5nCWrhWdvEzjrv8xySjbY1SfXHf/"
    "eJpRuF8NB+/i6hQXelfDcwZ8DJ5x5684nl3FyGeI2tDL9426C9BnewgdI9axxAYiEftTcS"
    "sqt7bMlqiIW+JJ1DOEiscy83gRAANzYqeBnSNWvJaZ16ZtIwJvg6biVWTkMMxbn6drKed7"
    "aUOqD8jcB+Ioe3cVBRYAsBA+m6S4ERWxLxCxr/IlHBT9JXRcYFCHiYkygNuA4oEAD8KF5N"
    "Zxsa0cv44YB3jkCn8B/NeuswauvzGQuM5RQ/9jPBwUSPgsIbvqW3Nf+68W320CfcpcPgss"
    "27eg9ww/9hAWcwxU+eab3WczSztugN18g29IosIBmImBhZPVpZhFBeRyMAo/rzWMcsHa3h"
    "gOeU8hFuUIFXNqZw7riZRjT5kTUI5UuSIyzp4uIF+cQ7V8A0mRKW902feLpju/s8QPsGQo"
    "lVwmIJelvo27REtRnpESm5rQZ/cn/e5V/08cbEP9CCOgPhuXw5ERRUuF4VCZoiSyiom3Ko"
    "+nGuk3V/0wuIdcFEVY1Rw1xYnXyscZoXePApjimCXRaCtejFOnUrduOnrJwm5C5g5TSEyl"
    "po8dFEv8A3ArqvbUtC2+nU4d0QUFoiylkomklok8x/WNRSBsLqPpFIulZjG2bK5dZw48T3"
    "gKzdGqOVRgDsWZTfChgOvAXQpDnydW2G/BXiDzUCZGGSfKsXgayfOI9vL3EbCLzCKcnEJH"
    "qT7JxRhytnHGneX5Ds9LUwSqbKTfmLSs4yxEx7tSlIOXmnUe2ckuM/ahNkJl+r45v1vhmc"
    "+24P0j8cr2tG7SdlvRy+dHeiSAdFbZoRtFJLVkettfuDM9xW2NfGbmw6pB0EaqKmv0nKmC"
    "rGvU00kOD5WCTc4UbEodq9SxrVLHRoKpaDIchqwNERX7yYkTATe/MyF3U7tFb5SjVtojqb"
    "VHKoVXkwG9UiWYOqJhdMwZpiSF+fhTTFHKEc4mK6s6qbyrynrkVjgWRcNmXpIcOyUNs2kj"
    "mHzgar5DzioBP+Nc/clRJ0/YNNi/PD0jCbkXgYtfTXtw3HvcDk5VgZu0fM7RKXt8+BRO4S"
    "fXQq1C7cHy70j9RDZELzIHCBXNguRG8l7oMdAziZfeb+i1/unMSKMealIjcTfa3FmtLJwX"
    "3DatFX4YoXceptiU66EbJlyQsiynNO8BgDV60M8AonEVAA9V3KCKJmrYxZ+CuOU5GAo0YZ"
    "AHOy76tUBvRr4PPRp1BnPj4canMIYIPQyCr+gmIgP4NZ9pI4AQB4v0szPn0fyk4e7s3N4W"
    "n0CTn4TIwQ0F6cXSTRc2x6jMYAfPDLZnmUi2BaNpoSgcC9RhVFVhzhG2EO5GjkFJZx9htP"
    "nOxArpAqTTZVlYY8Ehbd8W6/R5tTNoyg6hyYF+fDrPzo0+uOgP3gmuizHZmRZdTOE4LhlT"
    "JRPyc8KqBXdR6NVz5CJHwYQkRo8Xx7hVpZcStm94NKXUM5EYv1r7Ikdt0yQ7HbK908B43h"
    "TMtZximHW6EnedTKmUVlRqrSjZm+50gEWWUiWYkJrLKiKs3Qz2sJuR+BimyNQAlpm/yryi"
    "zCuSwHz85pU+nDnfek4AfaLGzhlYMvdPykwsFq6JEEmrbjWrvHcetBXW54d2DA8bI7AhIz"
    "5tQXuCFfV0EiHL3zzVTKiRh2nenfPgnWgBxIYIotQ3H0zLx+YFOv3TWc6ksq8HT2Fo0kCY"
    "kGd8IeTjMLPtF56F5oQYVbCBxdRuwQM2kXgaelporDDdJSC2CaylQy0Re83vYO1rs42GNd"
    "sz00MVXGu5JF8FtS/ZHoieubKWbni065cMy748JZYU/KCNtjaJEcT0tThVoncyJV/rncSf"
    "iM+A1Uggg5eaop7gXEPWHFXHxhgPfw4OeECPO9FmgX2vBWu8inpPtZXzFXgahQ/6ZnKw7A"
    "P6Jsqg9EybkJNvcbiK5gY20P4ZLJYhqQdCgGYb0pCH+i66cAFuE8/4xAAVVc8CgWmKTTmZ"
    "JObM2R9sWivWtKNcJKV0kVTJ7Pdi5pH7fJ1D6sCbyPh9zAn6DiME1xgI6Ds+D/LC+Typrx"
    "SrLJShICWAZUqgwMzlLIxE0UwKVBEbQBG9glowHrXJjRsV9sbZtmWD4oo3bWa2XrMhRqnN"
    "FXxbW2jJ5xyVyLiSk7t3Jlmo/OxZjMpf6rD+UkrS+9GPUjzcaZX171tuLRsIn6OYIVI9uV"
    "pPXlje2jY3wmCzdO3zA1EnKB4K+aZOUCSLp+1EofsEMS762/3V+C3JzIpOGM1q9IajkT6+"
    "GQ4u9EFPN9JY1DNtW40p1P+Y6KNB98oYT4aj7jv9TGNLWN1+NXZXYnYJq1lGBy5HE1A8rq"
    "LqLZzCnr98W8nV8+XbEl9PfDOn6ELTj7tZcz03tmm5MqQq4ZKAjots1MI5x4LGwtyIOBPy"
    "iXfSIsjW6WtW2VD74Ry85V4rWcq9OK7sU+xvld+KcjxrN4OPLyJhB6muOAvLhxucV8S4GQ"
    "17+nhMwhNyRUVZWMIcKHEulHxmE/2Pm/4IF0QXu0h9KkvJsQc0qCwlP9R8imQbMMen8s7v"
    "wPzeC1Yig4xL3L6hVv+ktgvYCmPBhePOPH31WmjNSCjah2/92nzP+jdH01bmbBdTtGh3uh"
    "eHuxTzB9dcr9F8yw04P7eg6W740DOErH5m44dJnI+LB2VwRgeDJUsw6sjn/UF39Dk5RixZ"
    "h6+Gg3fnnIPEzj9P9C7DAISfoC02pWhoUmmThXB+F8B7gz+zFE4rWaIWTS61qb4Y5w4BxS"
    "5DqfS6TSTSZwJYVPbuKlFAe0xCXe4GVoZ15WRpgj5inSFks3j95GmBB+Igm7S933BETfpT"
    "w7EjwAsjc5hwjXxatOYeUzG7F4VLPr0XlfEerbAqb7acQSFIpLIEvWNpkv05xB7Rgp7t+T"
    "lgix0xc4QqLFclllWRz3LCXGfkM3/2qAHsVgqXLNC5aVOm8HL6pBmegJq5XyqUQrZmrbEK"
    "f3Wc+BwcbB+CgOwd46STZdlbqepxIlccs0Cay56iogIWDhuwQHFqF/s8RS61gV6/7vavzj"
    "TybwrH1+MzDf1ht09VdGhVPPmK3fhyPnw75H59bNZX2XRnzaciPVCYu9RANxHlHgEmHMWQ"
    "p2wf3s3EMRydc1VnoH8SXCExyZmG/nBTvH7o9XSdnNaUXE5hF13dTMgpT9HVFF7oV/2POv"
    "GXSi7zPlXh//RsKiM9YqrwFocKf07/Al31L/tc2myFpIU+YvdV/8IgCxU+qeu6O0moeTdz"
    "lNRRW0V3Eprz4YdBj3q96Hdy/8OAAi1fltSbTK6S++h6l2W1/ugDlVx3/75oaxuLgwsDh0"
    "gZsbOYiDsatwHlkSa1R5pKANxq9pIUoLuM5Qyhyh4qM49XaD9pLkWzFmSpWuct04jEvkRY"
    "PJib3SKPucQK9yq4q7T/NVs0VV74H2FhILwyfOcecLZQJWbVLNkj1PJyTVQ1WayjATATOo"
    "QqS9W+PWkDDu8qMupHmqto62LViYqmUW4f5W4fiTH4kQ4ItHl7GLd5nABv9UOg+5eoC0JO"
    "eDVsZ5nHX8TNmIa+GzbaIvAb9TDmQbfFd4NCuJoLh2FSFM2mncw8Nuyf0cMTyVy56Erros"
    "uySkSuYWmVVCO1VIOawthwNwrbTbwptdTuOcrCqyy84hZech4K362nNEYuQ6ci5AQyny2A"
    "b1pCSf1SivZpLJqyonNks6r7WQ6p2taWb2tZH+oad7fHC/HWjS2no8nqYh/qGLbs1RJFRM"
    "WdWqIMqdvlnmS2c9xwA4YEdccHcL5J4iULHO7XroOPAjPMW3zOHHG2pxqisuVZi9xdym2f"
    "U48XsWJh76iVRVKpKwf+Azvwp4ysbElISWTeFUhjR2DGoQDSecr2SUFtTtAuNfBN5WenZ/"
    "cc6tuyStOUamslsLVaoecZu5iwcoTK2s4o0NC3eP5jvJILmlCaU8k1p1FUEcfp6x/j4WBL"
    "LBLP72thzX3tv5pteUdsN+MxF+OR4Wu8RCTZ16gprcfJvYYbOJfn2FOpF+5GJKYfOpB3Ck"
    "ON+c1Iv9RHYU7sbAGpS9/P/Izpu4MLg7SZ+bmLtvtFFdHsRbFg9iInlmGrnY0YsCuHafo9"
    "xvv1Pownw2sDTefj+GAaAXZnqc+07O8pfKcP9FG/Z0SH5iT1+OW7MLL+PLe2CZeBuRTa0t"
    "A0e2QenDWlDGFmxCrzYfFsyCIMkExsG14w+yeYC8V85wjbt/i8elEFbFSrEG5yjwf4zFlw"
    "PFon4FvRUTgZqjZAXSY+639MyiWsTH7buDordvFwj/J9htDtuDrwW9rjVHNz1e0PRJcHQn"
    "SmkX9T+H5yjUQD/HeXib7mxB4hoLeuszJ2yPHBp27DENlDug9v5QnPRTRNG2De90yE8Qv1"
    "rgaaa2aCp/LyiNvAhcaPpXDggiTeNBB6a8cSy3DDp24f7k2dv5jid4tm68AFItGFfGIVZ8"
    "jqxa0ldFxgIHyA+7XASaPcKMFtQNkmBGwTgQcMJDfagAiI5tw3LHjruKtd2LG1LcUZAc44"
    "X4HrWgvcvZeW5wMXn+30aB4JtKq4JcAtLOOgtyAGJGPt2Na8IAK0Qu4uflN73LBddD9jK4"
    "3oli0iO9OiiynsDqKS6EKCzdsR5lUb6e/644keHwMpwJGU8kxLr6eQPrMyc1hleE1Opowv"
    "p7A3vL650olHfnIZuvMbveHgoj/pDwfkNa71Sejdny9HrXQHPf2K+Osnl3JobVU6sQOkE8"
    "t4NeYw35JKjCVW5nqpzfUqociPxGWV+2JfyXhtx7kP1nm0K7jAULT7d4ShnLNngWX7FvSe"
    "4ccewj+7EfcYytteaLZLydSKJvVcF0kg4izOEKr1TGYeS3X60PHw+ZgPH5IT5TrPHqqSk4"
    "aOhnvk4ZctDZncWzqaMdEw9Eiiss6WOMdM3ZPK4Y6ZZGiErsn0NIUhhR52xOcO+9JjzCkq"
    "lYGmngw0Kuyw8S2cymdXcySQNHkV5JQgHomuCtk8XMjmgYM/9oO5vIe4lZkLy4xCLV0K1V"
    "k++0S7KePbjmmT954vWZKI5KPQXOX0KofJzvMJzO4c574kjSpT46Rso/oQ1t1j8lT0CtZX"
    "4MY5PSKfZZUsVc6tapE/eiH8hT7oDbrjNs+F2jxy0Zrq7mC3osiU3Uq6lSF7oJsbbnRXIg"
    "7tDJUaOpyhEyrgQw9o7o6hEF0O5U4IyybK1gwwcF0xpWRCoDYGVTcGjPRTVYXGkCntZLmd"
    "M4arBgtnJExfUC0eJ8JbbZxMH5MpIynLhOJND82n7bseup/UnYvUC2YJdQQp+Ir9wrZkI4"
    "Xgmx9vx7BX5t84kyinsRIKob2Uyipad1bRhM05rMv2rTRVm+S/vWxgqUw/hXkc+LDvP1vD"
    "3mSYJkKmlcPWHs2suxixCxtQSDPxMebGdkwOtsV5LiiSVkwXe89zcXyRgTfhSTqCAkhMdq"
    "bdxCfxVDlfZxdrbP258tRpz0pxtRfJUCmujkhxpQJu2m64CHUhOwWRsrQq7EZmTrP6IkFm"
    "c8gVv2XmN0d5WHU3ySFVtody2wMNWX32hzHT6nEivdUGwelvEpz8nXeoagn8jUZZRahdmn"
    "AYlPmpRRVOqhhsbk1oOEE1N7XOe+cB3XI1/w6g//BnRKjdmZ7mAd+3wYKUowasr5a/0VAn"
    "OdMANgZpRBOvBWvNd7QvaPCTTINfCKnle1ok7FjAe8Zu2Pf0yEcEgfGm/x/Fle6R+81ig0"
    "/MMDGDD03VGqXJHqw9cvnhZhbm4kmOXb+3T3WsHNGwW67zgPqacY/KCOb4lzIkH9iQnOXJ"
    "LjrzbAsyGy0648/jiX59poX/cfa70cd+TzeGnwb6CCe9o37KoSgPBwmXM/xxkBDIzIgd9Y"
    "71h/AGrtBh6VH1FkLbVAruten6Fi/vdnF2K4pEjqRW+HmtSWpFHd4meOxelk6xpnbWhI8Q"
    "4ElCoJhROzOO0I+g25v0Pwrnew6pzrTw/xRe9Mfdc+IwEF/JIQlFkcI++CZ0hgZDpoyxVY"
    "2xHpi7wDfugeiZ6jnCFopL9UuiEWoeMG2eBfzcgqa7KQU8JWVz/m/8cJk4MsjLNDfRLJ5M"
    "+QjZ8/6gO/rM9x0758z6558neld5IPxYdkqSbNwgqnAxTSpDqJSpu7nO47OU8LEYnsVNQF"
    "Q+zHLEyidA5rFmA9MDRgB9i6NkKec0Q6r4LD+fhTWVDFn7JPN6hEQBU1TO0Y6redvBK6GF"
    "kamNuiV0EfTzuw7HVBfdOSmzzplpnYMkcVX2+wbs92j4eFzzffEESZG0cAt9+upVFYPDq1"
    "fF9gZ8j4krWXMO0ihGOKreQnRfPK+S4w/VKtEJ5bL8RaePi6ioKZL9K6kPI7/Vpo4+qBPK"
    "9/8BKpgPEw=="
)
