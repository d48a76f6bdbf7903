from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "inbox_counter" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "recipient" VARCHAR(64) NOT NULL,
    "resource_id" VARCHAR(255) NOT NULL,
    "is_confidential" INT NOT NULL,
    "total" INT NOT NULL,
    "unread" INT NOT NULL,
    "awaiting_confirmation" INT NOT NULL,
    CONSTRAINT "uid_inbox_count_recipie_244c15" UNIQUE ("recipient", "resource_id", "is_confidential")
) /* How many letters of one resource (and confidentiality) an inbox shows, unread and awaiting confirmation: */;
        -- Hand-written: the triggers that keep the inbox counters (aerich cannot describe triggers). A letter
        -- counts while a recipient sees it (published, not purged); keep the status list in step with
        -- VISIBLE_TO_RECIPIENT in correspondence/statuses.py.
        CREATE TRIGGER IF NOT EXISTS "inbox_counter_insert" AFTER INSERT ON "correspondence"
        WHEN new.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') BEGIN
            INSERT INTO inbox_counter (recipient, resource_id, is_confidential, total, unread, awaiting_confirmation)
            VALUES (new.recipient, new.resource_id, new.is_confidential, 1, NOT new.is_read,
                    new.is_confirmation_needed AND NOT new.is_confirmed)
            ON CONFLICT (recipient, resource_id, is_confidential) DO UPDATE SET total = total + excluded.total,
                unread = unread + excluded.unread,
                awaiting_confirmation = awaiting_confirmation + excluded.awaiting_confirmation;
        END;
        CREATE TRIGGER IF NOT EXISTS "inbox_counter_update"
        AFTER UPDATE OF status, is_read, is_confirmed ON "correspondence"
        WHEN old.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') OR new.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') BEGIN
            INSERT INTO inbox_counter (recipient, resource_id, is_confidential, total, unread, awaiting_confirmation)
            VALUES (new.recipient, new.resource_id, new.is_confidential,
                    (new.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED')) - (old.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED')),
                    (new.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') AND NOT new.is_read) - (old.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') AND NOT old.is_read),
                    (new.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') AND new.is_confirmation_needed AND NOT new.is_confirmed)
                    - (old.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') AND old.is_confirmation_needed AND NOT old.is_confirmed))
            ON CONFLICT (recipient, resource_id, is_confidential) DO UPDATE SET total = total + excluded.total,
                unread = unread + excluded.unread,
                awaiting_confirmation = awaiting_confirmation + excluded.awaiting_confirmation;
        END;
        CREATE TRIGGER IF NOT EXISTS "inbox_counter_delete" AFTER DELETE ON "correspondence"
        WHEN old.status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') BEGIN
            UPDATE inbox_counter SET total = total - 1, unread = unread - (NOT old.is_read),
                awaiting_confirmation = awaiting_confirmation - (old.is_confirmation_needed AND NOT old.is_confirmed)
            WHERE recipient = old.recipient AND resource_id = old.resource_id
                AND is_confidential = old.is_confidential;
        END;
        INSERT INTO inbox_counter (recipient, resource_id, is_confidential, total, unread, awaiting_confirmation)
        SELECT recipient, resource_id, is_confidential, count(*), sum(NOT is_read),
               sum(is_confirmation_needed AND NOT is_confirmed)
        FROM correspondence WHERE status IN ('PUBLISHED', 'READ', 'REPLIED', 'CONFIRMED') GROUP BY recipient, resource_id, is_confidential;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "inbox_counter_delete";
        DROP TRIGGER IF EXISTS "inbox_counter_update";
        DROP TRIGGER IF EXISTS "inbox_counter_insert";
        DROP TABLE IF EXISTS "inbox_counter";"""


MODELS_STATE = (
    "eJztXVtz2ziy/issvWxSlXXZjnPzOXWqZJlOuCNLLkmeSSbaYiARkjimQC0vcbS7+e8HAG"
    "8gCVKELMkUgxebAtAg+TXRaDS6G/9pLW0DWu5Jx0YemHqtS+U/LQSWEF9kq14pLbBaJRWk"
    "wAMTi7adMo0mrucEfc2A5UJcZEB36pgrz7QRaTxaQCUkUAAyFAe60PkOSDW+npuuBx3lxW"
    "+DwcsT0qFhT3GPJppvQesj818+1D17Dr0FdHAPX/+Ji01kwB/QjX6uHvSZCS0j9fqIdgos"
    "3TQg8kxvrSN/OcF9YALaWvfWK9qyswDODaUnTzvRp7blL9GmPlZrb2GjuBP8iqR0DhF0gA"
    "cNBj7kW1YIdFQUvBcu8Bwfxi9kJAUGnAHfIkwg1MFzJWUtXe/1R/pQHel6K8egiILBPSzC"
    "yBPmmshzKVZL8EO3IJp7C/zz7OxncJ8EnaAVueHv7UHnU3vw4uzsJbmhjb+Q4MvphTXntO"
    "on7QJ4IOiEcihhCVwC0xLBPybYCuwQyhjrqEkCdvKBHxzt1+enFeDGrQrxpnUEcHbIT0zc"
    "TADhhKJ5EFdCuATgPL6BtIJGHuEr27YgQHyQWbIMzBNMt43cqAJ0XLIHpEuQver3u6Tnpe"
    "v+y6IF2igD8f3tlYplCUUeNzI9Wqz1Rhm8LeB6GEc0M50lD/VrjJhnLiEf9jx1BnwjJD+J"
    "Lo7viy/hw0i7VYej9u1dihnX7ZFKas5p6TpT+uJtZjTEnSh/aKNPCvmp/NnvqRRN2/XmDr"
    "1j0m70Z4s8E/A9W0f2ow4MFpOoOCr6Sabv2QMzW5CCCZg+PALH0HM19rld1DZftTxfZksA"
    "AnPKJIImec5QSbqGFpyDEPycCsXUlmpRRrrdJkWqmMkctedrqTJiO3OAzH/TFkwxZo7tO1"
    "OISVr/rKo4mZyBpiGPP8ZM3rjCH2d2JIXDpr6q0Jw8wt/Pzy7eXbx//fbiPW5CHzMueVcy"
    "1CLJVaz6HIc2mhdmx6+OJjwoGCRV4S8gbx7yHyoA/6EQ9w8cpSkWQgJwZ8j2BfNz6qdv3l"
    "RRUN+8KdZQSd3PukyifWaA8KbRVH3pRGpnW+50Kq06EdZZXtTIbrATcVE2cy6FVrRReykw"
    "igUGK55XwMHahP7Ej728lz3ZFo76m6+h0O7Znjkzp/S6bRh4BnY3yXEeSWXRjleCCTVZKc"
    "bklWzQE981EaZQ2G6UsJvYmnyp2Agqjv2orKAT1fIN00/tkLtsKxgSIV0wJpLfcpn2rMu0"
    "Ok/5DZN/7ByUHQx5vFWMJsVcw08F0BTmsM/2Uef5v6XetrXupUL/jdHwdnip4D9ZoVSFE+"
    "8rcOJ9ISfeF3BC5KNnSOqM+XPv09Rkvr+DjstfnoU1pbP3KmnzLEuy4zCj1Whxtv9NXbk+"
    "a6xBZxCa4HjSIq4rlRcO2+pZJEadrI81kgs7NCWUaNOPGJ+nWhZKO5GadZopOc0az28W1N"
    "FEBHGWRkrpala0EDO0Bc5ojxayZsIMt4AZSpirw2y6gd8MVZABx2Wv1N2JQy29ngS8nhzo"
    "EeQwXgZYc5bihVa+POFmi98RfO87sPnVRaG2Lb4ybVubFOmoRQ2civCj4I/OgNJWLV2Kjk"
    "q3li5FDVnVJCJIAOwUUQPXNWdvq3zdWQdf5ut+WyPT070LnYrb0UVNS+dTHxM9Yfu5nWwL"
    "AyUwisf7w9BQZraT2kPGrSa279GNY3bM57ehd9nxTiZ8OcfLOf6YZho5xzdkjpfBgjJY8O"
    "iCBWuiPbWnnvkdS3qeuhTXlepHgG31LBt3PH3iypz/KirFh/Pz16/fnZ++fvv+zcW7d2/e"
    "n8a6Rb6qTMm40j4SPSP12W5WPJ7iiXUUHlh391ddbfhJvb5U4ssxCi/1m7bWZarC32N0o4"
    "46lCa8GKOB2sY/yd8x6vR7N9rgltTHl2NEJIT2OymMrsbovpeUJtfk/oOP6rV+9UUfqB3t"
    "TlN7I/IQuUK2Zbs70no9tllQgu88GrU7n25x+6F+3f+j1+23r+lzcMvHqKf+rg704I2S66"
    "icebtMAW7RH2k3Wqc90vo9DDl56lxRplUEMacQI4lvPKI4BhcE56E6oHhFV9m1U7WJtNI8"
    "WjKN5rTD6dR38NJMB15+vJTHJ2dIdxCcXDcDRQnYRxGdnPKMnHq2kOIfEzRPWXp7UWEYvb"
    "0oHEakKrOxC39wxk/Jpm7YvnnYnp2eV0GXNCtexNLKNMJTG8sad2Xjd0QF7lD399o1H24u"
    "cQZ73zeNE9JFswRVMCUEkoeVKfRNORp/EeJ5uG9sB5pz9Btc5/SpDLRxKqdsh8cJc1KaDE"
    "YHPMaLAP7nRra1oQWDXfNOe9jBSkvr5/MssDKc4KbdyvKqLPtWru2Ot3ldiPumotE04HJl"
    "e/hGa/0BrnP23a8tB07NlQmDlRP+JD0/cCXwJ5bpLoiygknYLnM1XBqhhV6xJNq96Nm82m"
    "v978xHUxoMRu9E/lz8X6t2sqhsQVcnP9g6WS334j+VjI2qODOjqXEQ715bDNDSRUMPMmR1"
    "tk/U6WteQtfF06Au/lXnKZunr+9RgLi6A2fQ4WuPmz7zDHEDP/aL0w9VXB5Is0Lsg8qs/y"
    "WjAFWfKBmiBoK9eyFuATT3sXQQQZmlaSDIVayTxcbJnG0yEr/UA34buR0TNhHrvU6V/nIJ"
    "nPVWc2VCKidLIdAntsFBfAR/FOwYZuka8ZGXmdzVz6OUtT1C9cVt+/PLlMW92+99jJozXO"
    "h0+1cZ8Al4+sJbclw1ipFPETXhKz806g7Er+1idPTIxBLtEIlsQBX3IhPl1nkrKuSWeEbk"
    "FKHkcZ15bPhQJ5zYamDniCWv68xrYFmYwF1jUbwM9zh0MPN4tpZyvpd2JL+BOn8DUdCssw"
    "w9hSE0hA8aKO5EBuAKBODK8OdnRX+ObAfqzMlAogzgdiB5IMCDlWOvoOOtdawucsyg/xj2"
    "ewUaZpYwO+uYU0/5rxLV7gN9Zrd24puWZyL3hNz2OTZsCVDli7/sOi8ztZAOsos/vKyGDg"
    "noiQ38nCQBxSwqIK8Ho8j9GsMoB66stW7T5xRiUY5QMmfnzMk6wuTYU+aDkiN9gkPK8SjV"
    "G91PGN83B9I3zqFavoBhyKQ7dN3XK8CZLkzx09AylFIvE9DLEte6bQJzGMe8Gm914NfWRl"
    "q7q/1Joj2YH0GwzRf9pj/Qw8CcIPImVRQH8WRCe8pDdwbqXVcLokvoRVEwz44DdDihQflA"
    "F/zsYaxMFB4jFtjTqvQB7ztQxiQOKWALYRFRSUGxhQmDf25iRSOSFNDiC+fE41lQ9UlTSu"
    "2n1tqPazuebvjCGzMsnWRxrVlM9tBWjj2FrissQnO0UoYKyFByPjw5TGrlO3Nh6PPEEvsN"
    "2AskrUiFw5IEESbP9ngV0t78NoBWkQGek47iOKVdLpqNs2LTF6br2TyHQBGs0jFlQ9qzij"
    "ynseABzwPTxZKMZ8tED0/81NLwteO+m4peKr2d7ZCYgKcByGbZ6zthRMdRWjfzwB0uWpQd"
    "txsDRzODvGoMqZ6YevaavecrP1SXuTtNgiAW/Cmz/JC6Q2T5keZEaU48UnNiqFeJ5g3JkD"
    "XB9/ww6UNC4KYLgLiLsg12jxy1tH7U2vohsx3tM/RR5uKRuXhqAvPx5+LR0MT+0bF95NEl"
    "Sm5BlaovXUOZpCVGJGm6MRH8J/tRwU+2VjAYmMhV7FlwPHiYN0V5AZChsP7Aprd+qQCk0J"
    "sp7sJ+dF8pPiK7nAppCx6B6WHGKawn92VW6TrYjccIL/0Uigm9xzdKPgyCVL8pL4i9lUCk"
    "jP3TU/Du7PXLVwrt0kQKUGbwkZyU7ir4bvA7dBQLOHOokC5Jtmbc08kYjfGwW3nKZK2Qhc"
    "oEuLiBY87n9K2Q8i39BeJ7Ls25E5zN/i3Fsm/43q6tkButlRXwFvhGwFOiqCf31Zi+LX7t"
    "8BVx/45CLcUk3X6ApPKCuA2bU9xc+cueuOR1wmOVXikT33pQ/BVRUtyXytL+jgkZfPA7mw"
    "SmR/xOGBXkAupBd6KQ0+XBdEqPkfctqPzlG/OA1IUBQPjtSUcu/nbxhQNJn0Ti4069qHka"
    "CEJTnOc/lY8gk8Un66H+pBz/crV+qNW6zEtxEOWs3pmynhFqedRgLZTgHe60erbHg7xQns"
    "fttzpXcCuMT/cr0p94cksCZaBICWCZEEgws2BGqmgqmlEA20J6CXWNTsNkdmB551Sk9mdL"
    "TqpIt9vvbley5QF/rEw85XOSnmZsnbR2AehE5aWzqsqcqIcISjnWnKhN0/RkUtT9rltmJj"
    "lNXjAlaopIfsnVvmTDdFcWWAuDnaVr3laJTIb6XMjvKxkqnTwtO/Qio4hx0d/sLsLvqc6s"
    "aAWOFXqnPxiow7t+71rtdVQ9cYu4VDa1GCP180gd9NpdfTjqD9of1UslW5K17VdjdyVml7"
    "A6y2jfETptMWzeQBF2evG+igzDzUoOAySVOUMXFj/OesUNi95k5UqRSo92ARsXXagFMsdE"
    "ugHWHH+3QkMCn3grK0LdPvodm2yY9XAO3nLfoDTlQbKUHVLtb5JXkMzq0HAG/+IOwfd3xM"
    "VVvxv0O+pwqPU+Xiq5oiKH4MAdN3LLzTvZqp/vtAEpCC+20fqkG610o5VutEckT7FuA6ck"
    "wfZ0AacPrr8UGWRc4uYNtd0LtW3AlhgLThwLcP7mrdCcEVM0D989HHFm/ptjaStztosoGr"
    "Q6PYjDXYL5owNWKyxvuekAr0wEnDUf+gxh1j6z9oIo+ePiQRmcYY7FeArGH/KV1msPvvAP"
    "tbji5GS8+jJS2xkGYPwE92ITij0JlSbtEE4XPnrQ+ZKlUKykiRokXHZm+so4dwgYdjOU0q"
    "67j0wlmQAWmUiiZvkQyt3AyrCunA1B0Ees1UcwE2zxN1fxXRgF2ST9/Q+JqEl+KiR2BLpB"
    "ZE4mXOMka/HZ4224ISGcY8YTXGQMSI1U0mKXNaxBmYLOsCzJ4fxfj2j+ZrIMifld5ghlFK"
    "4MdJaBzvWEeZeBznzpsQOwG6lLZoHOic06RZOzOc54+miqvlQHRdmWOw1N+NqyowxsZDsI"
    "QbpUBIaBv2E3p82x8QlMc5KnNApgoN2l83fJ+ITnjU9gOLXNdjxDXuv9ePW2rXUvFfpvjI"
    "a3w0sF/8mulqqYzKo47hV77eVc9qLRxMW/QCVMSJq3y/H6vIrXKW5Vso+U8zt9pqj2WgO9"
    "j6D2EDDhoIU8ZfPw3k/YwtH5UrV66h+CMyQhuVTwHyy41d41dZkKL3DJfaejqjSVYHw5Rm"
    "18dTei+QXDqzG6Vrva7yp1j4ov8y5Uwf8kK6KeJDcsrOJQkdfRrvGVdqNxadMN4h40zO6u"
    "dq3TiYrkiLxtj2JqXmWOkknyWFQT01z173sd5vHC33H9fY8BLV8WtxuNunE9vt5mWt19sE"
    "HoyORA4PJsWRsdzxLC5gmjfbmerSyiDho6iYja6lRxbgfSAa3WDmjhCk+Q0wmVZG+t2esS"
    "vWybsZwilCfD15nHS7yeBHPRJAVpqsY5x+xFY59jLB7BertAYy6xxL0K7sDz4HLliQTmsS"
    "QyqU/uBCULYLFtbDHzpynlxFDniYHySvfsB8hZQpVsq6bJ9npydU0CLQV2rGWAzi81hthd"
    "r6oDiKWR7gjl7gjxJuUTN8a3OXqqpgBv3B9nvy/RrfGcUqVb9jyP/7anfrWDThsE/l4dXX"
    "nQbfApYBCu5lqgA4Zin9kPpUdoLT1CQ/Zvpe1naaWyUmtlBXdFsMkxudqOYkJda28QuaEo"
    "NxTFNxTpaRt8L5LSCKwUnYy/EsirZUAPmEIp4xIKuWlbddM2pemJLVM5pHK1Wr5azbrs7n"
    "DRerwQb1yvcj60unp0B6aDDUuw2L5QcQEW2zh27eFN86YFpyqaBlbUbQ+iKY13L/PvXjk2"
    "OWhKBzNyipn04X5mH+6Eh1XnSYakzpp6bXxbM2NDAOk8ZfM0kyan5K418PvKyG0S5JYm/z"
    "CFTXmEWUq53BFY7izx/fRtdotyhHLDNWPUwu/iek9xTC3oQloza27NDANLOH4//xj2exvC"
    "UXiuP4Y59ZT/KpbpHvEWFY+5BI8UX6MpIs63xYi0DifbFungqj4HXdZ64t6LxvRLx3KOUW"
    "DFvhuoN+ogyIKcLqBt2frUz4i+3bvWaZ+pn9tYoM+qqGZnxYrZWU4tIztpFmbAthxm6Q8Y"
    "8tW5H476tzoW58PoKBIBdqepL5X07zH6qPbUgdbRw2NS4nb88m0YufvMphZAcx/MhZY0LM"
    "0BmYcm+zKGZCRiFXlYLA2zCENy9rvu+pO/4FQo7DdH2LzJ581ZFbBxq0K4aR0P8IltcPKa"
    "juCPosNPUlRNgLpMfVY/j8o1rFRG06h5Vu3i4R5meAyg23J24Pd0QFFz121rPdHpgRJdKv"
    "TfGH0a3WLVgPzdRtDvOLdDAOjMsZf6Fmke+NRNGCIHyPjgLl1hWcTSNAHmQ0sigl9gd9Wx"
    "rJkInsPKI24CF/Z+EIGNDJp7UcforWxTLMkJn7p5uO/rxL0EvxmW1r4DRQLM+MQy1CxrFz"
    "fnyHagjvGBzvcCx4nyTQluB3JvQmBvwnehjvVGC1IFEUw93UQz21luw46NfUnOCHDG/g4d"
    "xzTI5z03XQ865DSfJ/NIoFfJLQFuER0HPwXdQNJXtmVOOTpqxfRN/K4OuGC7bn8huzSiS7"
    "aQ7FIJL8ao3QtLwosaLN6OMLXWQP2oDUdqdPCfAEcSyksluR4j9pTC1PGEwTU9izC6HKNO"
    "//auq1Iv+fgycLHXO/3etTbS+j36GLfqKPC4z5fjXtq9jtqlPvTxZT2stjKj1DNklEp5Gu"
    "Yw35BNKksst+trvV0vc0r8ClxOsn1atv3gr/K8ruCawdAe3kGDcRqe+Kblmcg9Ibd9Dr/h"
    "vbhtyEO4Gz4Gw5lRnMUpQiln68zjWh2Mcjx8PuZzUeqJ8i6PRamSloSNnHriMXwNDa/ba0"
    "aSNnTM6aLFiYALa16Vhb2BpE1tMo38KmlGnrhjUxyh9h06LtcGXWwzYUjq7I1aJ/9fMqgE"
    "EA6bNxDds9MqLiW4VYkpKudSUnj8bvFqtfjcXRlFsGk5mtOzDhnZ/fP/Ad9G3Mg="
)
