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
    "eJztXVtz2ziy/issvWxSlXXZjnPzOXWqZJlOuGNLLkmeSSbaYiARljmmQC0vcbS7+e8HAG"
    "8gCVKELEoUgxebAtAg+TXYaDS6G//pLGwDWu5Rz0YemHmdc+U/HQQWEF9kq14pHbBcJhWk"
    "wANTi7adMY2mrucEfd0Dy4W4yIDuzDGXnmkj0nj8AJWQQAHIUBzoQuc7INX4em66HnSUF7"
    "8Nhy+PSIeGPcM9mmi+Aa2PzH/5UPfsOfQeoIN7+PpPXGwiA/6AbvRz+ajfm9AyUq+PaKfA"
    "0k0DIs/0VjryF1PcByagrXVvtaQtew/AuaL05Gmn+sy2/AVa18dy5T3YKO4EvyIpnUMEHe"
    "BBg4EP+ZYVAh0VBe+FCzzHh/ELGUmBAe+BbxEmEOrguZKyjq73B2N9pI51vZNjUETB4B4W"
    "YeQJc03kuRSrBfihWxDNvQf88+TkZ3CfBJ2gFbnh791h71N3+OLk5CW5oY1HSDBy+mHNKa"
    "36SbsAHgg6oRxKWAIXwLRE8I8JNgI7hDLGOmqSgJ0M8J2j/fr0uALcuFUh3rSOAM5+8lMT"
    "NxNAOKFoH8SVEC4BOI9vIK2gkUf4wrYtCBAfZJYsA/MU020iN6oAHZfUgHQJsheDwTXpee"
    "G6/7JogTbOQHx3c6FiWUKRx41MjxZr/XEGbwu4HsYR3ZvOgof6JUbMMxeQD3ueOgO+EZIf"
    "RReHN+JL+DDWbtTRuHtzm2LGZXeskppTWrrKlL54m/ka4k6UP7TxJ4X8VP4c9FWKpu16c4"
    "feMWk3/rNDngn4nq0j+0kHBotJVBwV/STT9/0jM1uQgimYPT4Bx9BzNfapXdQ2X7U4XWRL"
    "AAJzyiSCJnnOUEm6hBacgxD8nArF1JZqUUa63TpFqpjJHLXna6kyYjtzgMx/0xZMMWaO7T"
    "sziEk6/6yqOJmcD01DHv8bM3nfFR6c2S8p/GyaqwrNySP8/fTk7N3Z+9dvz97jJvQx45J3"
    "JZ9aJLmKVZ/D0Ebzwuzw1dGEBwUfSVX4C8jbh/yHCsB/KMT9A0dpioWQANwZsrpg3qd++u"
    "ZNFQX1zZtiDZXU/WzKJDpgPhDeNJqqL51I7WzLrU6lVSfCJsuLBtkNtiIuymbOhdCKNmov"
    "BUaxwGDF8xI4WJvQnznYy3upybZw0GO+gUK7b3vmvTmj113DwDOwu06O80gqi3a8EkyoyU"
    "oxJq9kg576rokwhcJ2o4TdxNbkc8VGUHHsJ2UJnaiWb5h+bofcZVvBJxHSBd9E8lsu0/a6"
    "TGvylN8y+cfOQdmPIY+3itGkmGv4qQCawRz22T6aPP931Juudn2u0H8TNLoZnSv4T1YoVe"
    "HE+wqceF/IifcFnBAZ9AxJkzHf9z5NQ+b7W+i4/OVZWFM6ey+TNntZkh2GGa1Bi7P6N3Xl"
    "+qy1Bp1haILjSYu4rlReOGyrvUiMJlkfGyQXtmhKKNGmnzA+z7UslHYiNes0U3KaNZ7fLK"
    "ijqQjiLI2U0tWsaCFmaAOcUY0WsnbCDDeAGUqYq8NsuoHfDFWQAcdlr9TdiUMtvZ4EvJ4c"
    "6BHkMF4GWHGW4oVWvjzheovfAYz3Ldj8mqJQ2xZfmbatdYp01KIBTkX4UfCgM6C0VUuXoo"
    "PSraVLUUtWNYkIEgA7RdTCdc3J2yqjO+vgy4zutw0yPd250Km4HV3UtHQ+9THRM7afu8m2"
    "MFACo3i8PwwN5d52UnvIuNXU9j26ccx+8/lt6G12vJUJX87xco4/pJlGzvEtmeNlsKAMFj"
    "y4YMGGaE/dmWd+x5Kepy7FdaX6EWBb7WXjjqdPXJjzX0Wl+HB6+vr1u9Pj12/fvzl79+7N"
    "++NYt8hXlSkZF9pHomekhu16xeM5nlgH4YF1e3dxrY0+qZfnSnw5QeGlftXVrpmq8PcEXa"
    "njHqUJLyZoqHbxT/J3gnqD/pU2vCH18eUEEQmh/U4Ko6sJuusnpck1uf/wo3qpX3zRh2pP"
    "u9XU/pg8RK6Qbdm9Hmv9PtssKMF3Ho+7vU83uP1Ivxz80b8edC/pc3DLJ6iv/q4O9eCNku"
    "uonHm7TAFuMRhrV1qvO9YGfQw5eepcUaZVBDGnECOJbzymOAYXBOeROqR4RVfZtVO1ibTS"
    "PFoyjea0w9nMd/DSTAde/nspj0/OkG4hOLlpBooSsA8iOjnlGTnzbCHFPyZon7L09qzCZ/"
    "T2rPAzIlWZjV34g/P9lGzqhu3bh+3J8WkVdEmz4kUsrUwjPLOxrHGXNn5HVOAOdXenXfLh"
    "5hJnsPd90zgiXbRLUAVTQiB5WJlC35Sj8Rchnof7ynagOUe/wVVOn8pAG6dyynZ4mDAnpc"
    "nH6ICneBHAH25kWxtaMNg173VHPay0dH7uZ4GV4QQ37VaWV2XZt3Jtt7zN60LcNxWNpgEX"
    "S9vDN1rpj3CVs+9+7ThwZi5NGKyc8JD0/MCVwJ9apvtAlBVMwnaZq+HSCC30iiXR9kXP+t"
    "Ve53/vfTSjwWD0TuTP2f91GieLyhZ0TfKDbZLVshb/qeTbqIoz8zW1DuLta4sBWrpo6EGG"
    "rMn2iSaN5gV0XTwN6uKjOk/ZPn29RgHi6g68hw5fe1w3zDPELRzsZ8cfqrg8kGaF2AeVWf"
    "9LRgGqPlEyRC0Ee/tC3AJo7mPpIIIyS9NCkKtYJ4uNkznbZCR+qQf8JnI7Jmwj1rVOlf5i"
    "AZzVRnNlQionSyHQp7bBQXwMfxTsGGbpWjHIy0zu6udxytoeofripvv5Zcrifj3of4yaM1"
    "zoXQ8uMuAT8PQHb8Fx1ShGPkXUhlG+a9QdiF/bxejokYkl2iES2YAq7kUmym3yVlTILfGM"
    "yClCyeMm89jwoU44sdGHnSOWvG4yr4FlYQJ3hUXxItzj0MG9x7O1lPO9tCM5Bpo8BqKgWW"
    "cRegpDaAgfNFDciQzAFQjAleHPe0V/jmwH6szJQKIM4HYgeSDAg6VjL6HjrXSsLnLMoP8Y"
    "DfoFGmaWMDvrmDNP+a8S1daBPrNbO/VNyzORe0Ruu48NWwJU+eIvu87LTC2kg+ziDy+roU"
    "MCemIDPydJQDGLCsibwShyv9YwyoFLa6Xb9DmFWJQjlMzZOnOyjjA59pT5oORIn+GQcjhK"
    "9Vr3E8b3zYH0jXOoli9gGDLpDt309QpwZg+m+GloGUqplwnoZYlr3SaBOYxjXoO3OvBra2"
    "Ote639SaI9mB9BsM0X/Wow1MPAnCDyJlUUB/FkQnvKQ3eG6u21FkSX0IuiYJ4tB+hwQoPy"
    "gS742cNYmSg8Riywp1NpANcdKGMShxSwgbCIqKSg2MCEwT83saIRSQpo8YVz4vEsqPqkKa"
    "X202jtx7UdTzd84Y0Zlk6yuNEsJntoS8eeQdcVFqE5WilDBWQoOR+eHCa19J25MPR5Yon9"
    "GuwFklakwmFJggiTZ3u8CGmvfhtCq8gAz0lHcZjSLhfNxlmx6Q+m69k8h0ARrNIxZSPas4"
    "o8p7XgAc8Ds4cF+Z4tEz0+c6il4evGfbcVvVR6O9shMQHPA5DNsjdwwoiOg7Ru5oHbXbQo"
    "+92uDRzNfORVY0j1xNRTa/aer/xQXebuNAmCWPCnzPJD6naR5UeaE6U58UDNiaFeJZo3JE"
    "PWBt/z3aQPCYGbPQDEXZStsXvkqKX1o9HWD5ntqM7QR5mLR+biaQjMh5+LR0NT+0fP9pFH"
    "lyi5BVWqvnQNZZKWGJGk6dpE8J/sJwU/2UrBYGAiV7Hvg+PBw7wpyguADIX1Bza91UsFII"
    "XeTHEf7Cf3leIjssupkLbgCZgeZpzCenKfZ5Wund14gvDST6GY0Ht8o+SjIEj1m/KC2FsJ"
    "RMrEPz4G705ev3yl0C5NpADlHj6Rk9JdBd8NfoeOYgFnDhXSJcnWjHs6mqAJ/uyWnjJdKW"
    "ShMgUubuCY8zl9K6R8S49AfM+FOXeCs9m/pVj2Dd/btRVyo5WyBN4DvhHwlCjqyX01oW+L"
    "Xzt8Rdy/o1BLMUm3HyCpvCBuw+YMN1f+sqcueZ3wWKVXytS3HhV/SZQU96WysL9jQgYf/M"
    "4mgekJvxNGBbmAetAdKeR0eTCb0WPkfQsqf/nGPCB1YQAQfnvSkYvHLr5wIOmTSHzcqRc1"
    "TwNBaIrz/KfyEWSy+GQ91J+V41+u1ne1Wpd5KXainDU7U9YeoZZHDTZCCd7iTqtnezzIC+"
    "V53H6jcwU3wvi4XpH+zJNbEigDRUoAy4RAgpkFM1JFU9GMAtgW0kuoG3QaJrMDyzunIrU/"
    "W3JSRbpdvbtdyZYH/LE08ZTPSXqasXXS2gdAJyovnVVV5kTdRVDKoeZEbZumJ5Oi1rtuuT"
    "fJafKCKVFTRHIkVxvJhukuLbASBjtL176tEpkMdV/I15UMlU6elh16kVHEuOivdxfh99Rk"
    "VnQCxwq9NxgO1dHtoH+p9nuqnrhFnCvrWkyQ+nmsDvvda300Hgy7H9VzJVuSte1XY3clZp"
    "ewOsto3xE6bTFs3kIRdnz2vooMw81KDgMklTlDFxY/zmrJDYteZ+VKkUqPdgEbF12oBTLH"
    "RLoBVhx/t0JDAp94IytC0wb9lk02zHo4B2+5b1CacidZynap9rfJK0hmdWg5g39xh+C7W+"
    "Liqt8OBz11NNL6H8+VXFGRQ3Dgjhu55eadbNXPt9qQFIQXm2h90o1WutFKN9oDkqdYt4Ez"
    "kmB79gBnj66/EPnIuMTt+9S2L9Q2AVtiLDhxPIDTN2+F5oyYon341nDEmflvjqWtzNkuom"
    "jR6nQnDncJ5k8OWC6xvOWmA7wwEXBWfOgzhFn7zMoLouQPiwdlcIY5FuMpGA/kC63fHX7h"
    "H2pxwcnJePFlrHYzDMD4Ce7FJhQ1CZU27RDOHnz0qPMlS6FYSRO1SLhszfSVce4QMOxmKK"
    "Vdt45MJZkAFplIomH5EMrdwMqwrpwNQdBHrDNAMBNs8TdX8V0YBdkk/f0PiahJfiokdgS6"
    "QWROJlzjKGvxqfE23JAQzjHjCS4yBqRBKmmxyxrWoExBZ1iWZHf+rwc0fzNZhsT8LnOEMg"
    "pXBjrLQOdmwrzNQGe+9NgC2K3UJbNA58Rmk6LJ2RxnPH00VV+qg6Jsy62GJnzt2FEGNrId"
    "hCBdKgLDwGPYzWlzbHwC05zkKY0CGGh36fxdMj5hv/EJDKc22Y5nyBu9H6/edLXrc4X+m6"
    "DRzehcwX+yq6UqJrMqjnvFXns5l73oa+LiX6ASJiTt2+V4fVrF6xS3KtlHyvmd7imqvdFA"
    "1xHUHgImHLSQp2wf3vWELRycL1Wnr/4hOEMSknMF/8GCW+1fUpep8AKX3PV6qkpTCcaXE9"
    "TFV7djml8wvJqgS/Va+12l7lHxZd6FKvifZEXUk+SGhVUcKvI62iW+0q40Lm26QdyDhtl9"
    "rV3qdKIiOSJvuuOYmleZo2SSPBbVxDQXg7t+j3m88Hdcf9dnQMuXxe3G4+u4Hl9vMq1uP9"
    "ggdGRyIHB5tqy1jmcJYfuEUV2uZ0uLqIOGTiKiNjpVnNuBdEBrtANauMIT5HRCJdnbaPa6"
    "RC/b5FtOEcqT4ZvM4wVeT4K5aJKCNFXrnGNq0djnGIsnsNos0JhLLHGvgjvwPLhYeiKBeS"
    "yJTOqTO0HJAlhsGxvM/GlKOTE0eWKgvNI9+xFyllAl26ppslpPrm5IoKXIjnX4AUw5LsAl"
    "0QMpqvatSWvwb5eBUL+SrGJ3F6sKKpZGun2Uu33Em8HPdEDY5IivhgK81g+BHV+iLgg55V"
    "W37Hke/01PV+sGnbYI/FodinnQrfHdYBCu5sKhA4aiziyT0vO2kZ63Ifs3WlVlaaWy0mhl"
    "BXdFsOHq/+t3bhPqRnvdyI1buXErvnFLTzXhe+uURrql6GScm0D+MgN6wBRKzZdQtM8QUd"
    "fmeErTE1umckjlarV8tZp1jd7iovVwIV67XuUMtKZ6zgemgzVLsNi+UHEBFts4tu1JT/PT"
    "BadXmgZW1G0PohnNK1DmR790bHKglw7uyWlx1Iee6YjJeWcauVrGG5/TjheIYhKnp4VJE6"
    "JLv/w9++UnjKy8QZCQNHlV0Jjtgcx3KIB0nrJ9WlCb06w3Gvi6sqyz0j2H+rrc0CylXFoJ"
    "LK0W+H76JjtTOUK5iZ4xoOF3cb3nOBsXdCEtpw23nIbBQhxfrn+MBv01IUY8dy7DnHnKfx"
    "XLdA94O4zHXIJHiq/RFBHnUGNEWo+TQY10cNGcw0sbPXHXojH90vG5ExRYzG+H6pU6DDJb"
    "pwtoW7Y+9TOi7/Yvddpn6ucm1u6TKqrZSbFidpJTy8iunYUZsCmHWfodhvH17kbjwY2Oxf"
    "koOl5GgN1p6nMl/XuCPqp9daj19PDom7gdv3wTRm4/W60F0NwHc6ElDUuzQ+ahaV3GkIxE"
    "rCIPi6VhFmGIdWJLd/3pX3AmFMqdI2zf5PPmpArYuFUh3LSOB/jUNjiOqmP4o+hAmxRVG6"
    "AuU5/Vz+NyDSuVpTZqnlW7eLiHWTsD6DacHfg97VDU3F53tb7o9ECJzhX6b4I+jW+wakD+"
    "biLot5yvIwD03rEX+gapO/jUbfhEdpDFw124wrKIpWkDzLuWRAS/wO6qY1kzFTxbl0fcBi"
    "7UfriEjQyaT1PH6C1tUyxxDZ+6fbjXdYpigt89lta+A0WCBvnEMnwwaxc358h2oI7xgc73"
    "AieN8k0Jbgdyb0Jgb8J3oY71RgtSBRHMPN1E97az2IQda/uSnBHgjP0dOo5pkOE9N10POu"
    "SEpmfzSKBXyS0BbhEdBz8F3UDSl7ZlzgoCOyuk5OJ3tcMF22X3C9mlEV2yhWTnSngxQd1+"
    "WBJeNGDxdoDp0obqR200VqPDHAU4klCeK8n1BLEnT6aOnAyu6fmS0eUE9QY3t9cq9ciPLw"
    "N3fr036F9qY23Qp49xo44D7/58Oe6l2++p19RfP75shtVWZgnbQ5awlFdjDvM1GcKyxHK7"
    "vtHb9TJPyK/EZZnSYlc5di3bfvSXebQruMAwtLt3hGGcs6e+aXkmco/Ibffhn12Le4w8wL"
    "7lsi7UQMRZnCKU81mTedyoQ4UOh8+HfKZQM1He5pFCVVLNsNFwzzzCsqUhkzvLMjOiFoYe"
    "zT/WWRPnmGr7qnK4YyrHGaXbS9YZlzjicz/70sPIGSqZgWY7GWhk2GHtSziZpm7LkUCNya"
    "vQTA3imejKkM39hWzuOfhjN5g392y2su3Csk2hlk6F8oieXaJd1+bbhtmQd54GuSERyQdh"
    "ucrZVfaTnacLHXP20OEsVcOaV2ULU5C0aUzq018l7+kz3TqL15PfsfbHdVQrlu0MSQsn0X"
    "oON1lyNgJLDpBd8vb+2oDuyXEVHQW3Kpkyc1pKGD0lstXKkMhUA4J7qXudzH7+P7FgnUI="
)
