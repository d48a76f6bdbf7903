from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "webhook_fan_out" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" BIGINT NOT NULL
) /* How far the fan-out has settled the activity log: every event up to `position` has its deliveries. */;
        CREATE TABLE IF NOT EXISTS "webhook_subscription" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "owner_kind" VARCHAR(16) NOT NULL /* SYSTEM: SYSTEM\nSERVICE_OWNER: SERVICE_OWNER */,
    "owner" VARCHAR(64) NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "parties" JSON NOT NULL,
    "resource_ids" JSON NOT NULL,
    "types" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* ACTIVE: ACTIVE\nDISABLED: DISABLED */,
    "status_text" VARCHAR(1024),
    "secret_key_id" VARCHAR(64) NOT NULL,
    "secret_sealed" BLOB NOT NULL,
    "created" TIMESTAMP NOT NULL,
    "after_event" BIGINT NOT NULL,
    "failing_since" TIMESTAMP,
    "lease_until" TIMESTAMP,
    "lease_owner" VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS "idx_webhook_sub_owner_k_0cbbda" ON "webhook_subscription" ("owner_kind", "owner");
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "event_id" BIGINT NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "correspondence_id" CHAR(36) NOT NULL,
    "payload" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING\nDELIVERED: DELIVERED\nFAILED: FAILED */,
    "attempts" INT NOT NULL,
    "response_status" INT,
    "error" VARCHAR(1024),
    "created" TIMESTAMP NOT NULL,
    "delivered_at" TIMESTAMP,
    "next_attempt_at" TIMESTAMP,
    "subscription_id" CHAR(36) NOT NULL REFERENCES "webhook_subscription" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_subscri_514d76" UNIQUE ("subscription_id", "event_id")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_5b6f00" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_subscri_1af5be" ON "webhook_delivery" ("subscription_id", "status", "next_attempt_at");
        CREATE TABLE IF NOT EXISTS "webhook_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" INT NOT NULL,
    "started" TIMESTAMP NOT NULL,
    "duration_ms" INT NOT NULL,
    "response_status" INT,
    "error" VARCHAR(1024),
    "delivery_id" CHAR(36) NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "webhook_fan_out";
        DROP TABLE IF EXISTS "webhook_subscription";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_attempt";"""


MODELS_STATE = (
    "eJztXetz2joW/1c8fLntTG8nSd/ZnZ0hxGm9N4EMkD5u2XENCPCNkVk/mrK7/d9Xkl+yLB"
    "uLGDCuviRG1pHt39Hj6Lz039bSngLLfd6xoWdMvNa58t8WNJYAXbC3niktY7VKbuACzxhb"
    "pO6EqjR2PSdoa2ZYLkBFU+BOHHPlmTbElYcLoIQEigGnigNc4Hw38G10PTddDzjKkz/6/a"
    "fPcYNTe4JaNOF8C1ofmv/2ge7Zc+AtgINa+PovVGzCKfgB3Ojn6l6fmcCapj4fkkYNSzen"
    "AHqmt9ahvxyjNhABqa176xWp2VkYzhWhx2871ie25S/hpjZWa29hw7gR9Im4dA4gcAwPTC"
    "n4oG9ZIdBRUfBdqMBzfBB/0DQpmIKZ4VuYCZg6eK+krKXr3d5QH6hDXW9lGBRRULiHRQh5"
    "zFwTei7Bamn80C0A594C/Tw9/Rk8J0EnqIUf+LHd73xo95+cnj7FD7RRDwl6Tje8c0Zu/S"
    "RNGJ4RNEI4lLAELA3TEsE/JtgK7BDKGOuoSgJ20sH3jvaLs5MScKNauXiTexhwesiPTVRN"
    "AOGEonkQl0K4AOAsvsFsBaZZhC9s2wIG5INMkzEwjxHdNvNGGaDjkh0gXYDsRa93jVteuu"
    "6/LVKgDRmI724uVDSXEORRJdMjxVp3yOBtGa6HcIQz01nyUL9EiHnmEvBhz1Iz4E9D8ufR"
    "xfH1+AI+DLUbdTBs39ymmHHZHqr4zhkpXTOlT14zoyFuRPmkDT8o+KfyZ6+rEjRt15s75I"
    "lJveGfLfxOhu/ZOrQfdGNKYxIVR0U/8fI9u6dWC1wwNib3D4Yz1TN37DM7r2721vJsyZYY"
    "0JgTJmE08XuGQtIlsMDcCMHPiFDU3UIpapqut0mQymcyR+z5WiiM2M7cgOZ/SA2qGDHH9p"
    "0JQCStf5UVnEzOQNOgxx9jJm9coc7JjqRw2NRXFJrjV/j97PTlm5dvX7x++RZVIa8Zl7wp"
    "GGrRzJUv+hyHNJqdzI5fHE14kDNIysKfQ9485N+VAP5dLu7vOEJTPAkJwM2Q7QrmQ8qnr1"
    "6VEVBfvcqXUPG9n3VZRHvUAOEto6n7hQupzdasdCktuxDWeb6okd6gkumiaOVcCu1oo/py"
    "wsifMOjpeWU4SJrQH9nZi1vZkW7hqPt8DSftru2ZM3NCrtvTKVqB3U3zOI+k9NSOdoIJNd"
    "4pxuSldNBj3zUholDoZpSwmVibfK7YECiO/aCsgBPd5SumH9sgd9uWMyRCumBMJL/lNu2g"
    "27Q6L/kNm//oNYgdDFm8VYQmwVxDb2XACchgz7ZR5/W/pd60tetzhfwbwcHN4FxBf9hJqQ"
    "wn3pbgxNtcTrzN4YRIp6dI6oz5oe00NVnvb4Hj8rdn4Z3C1XuV1DnIluw41Gg12pzt3qgr"
    "92eNVej0QxUcb7aI7xXOFw5d6yAzRp20jzWaFypUJRRI0w8In8dqFgobkZJ1mikZyRqtbx"
    "bQ4VgEcZpGztLltGghZnALnOEONWTNhBlsATOQMJeH2XQDvxkiIBscl71CdycOtfR6EvB6"
    "coCHkUN4TY01Zyueq+XLEm7W+B1Bf69A51cXgdq2+MK0bW0SpKMaNXAqQq+COt0USF21dC"
    "k6KtlauhQ1ZFeTTEECYKeIGrivOX1dpnezDr5U735dI9XTnQuckubovKqF66mPiB5hfm4n"
    "ZmFDCZTisX0YTJWZ7aRsyKjW2PY9Yjimx3zWDF1lw5Us+HKNl2v8Ma00co1vyBovgwVlsO"
    "DRBQvWRHpqTzzzO5rpeeJSfK9QPjLoWgcx3PHkiQtz/quIFO/Ozl68eHN28uL121cv37x5"
    "9fYkli2yt4qEjAvtPZYzUt12s+DxGE+so/DAur27uNYGH9TLcyW+HMHwUr9qa9fUrfD3CF"
    "6pww6hCS9GsK+20U/8dwQ7ve6V1r/B9+PLEcQzhPYRF0ZXI3jXTUqTa/z8/nv1Ur/4ovfV"
    "jnarqd0hfolMIV2zfT3Uul26WlCCnjwctjsfblD9gX7Z+9S97rUvyXtwy0ewq35U+3rwRc"
    "l1VE59HVOAavSG2pXWaQ+1XhdBjt86U8TUiiDmFCKce/1P7T552fgS4YteZ0jQDS4w+gO1"
    "T1CMrtgdVbnltdTqWrC4ZmTGycR30IZNN7zsKCqOWmZIKwhZrpvaogDso4hZTvlLTjxbaD"
    "sQEzRPhHr9ssQwev0ydxjhW4y5F/zgjJ8CU29Yv3nYnp6clUEXV8vf2pKbaYQnNppr3JWN"
    "vhHmOEnd3WmXfLi5xAz2vm9On+MmmjVRBUtCMPPQcwr5Us4+IA/xLNxXtgPMOfwDrDNSFg"
    "NtnOCJbfA4YU5Kk8HoGA/x1oDf3bCxG1ggsKV32oMOEmVaPw+z7WI4wU3GxfKqKCdXpm7F"
    "xl8XoLbJ1GhOwXJle+hBa/0erDNa368tB0zMlQmC/RTqkp4fOBj4Y8t0F1hYQSR0k5k7XB"
    "qh7V/+TFT91LN5D9j6+8yHExIiRp6E/7z8R6t2c1HRNq9O3rF10mXuxKsqGRtlcaZGU+Mg"
    "rl5aDNDSRQMSGLI6ay3q1JuXwHXRMqiL9+osZfPk9R1OIK7ugBlw+NLjpm7OEDews788eV"
    "fGEQJXy8U+uMl6ZVICUPmFkiJqINjVT+KWAec+mh1EUKZpGghyGe1kvnIyo5uMpl/iF7/N"
    "vB0TNhHrnS6V/nJpOOut1sqEVC6WQqCP7SkH8SH4kWNHZOka0cmLVO7q52FK2x6h+uSm/f"
    "lpSuN+3eu+j6pTXOhc9y4Y8DF4+sJbchw48pFPETWhl+8bdQegz3YROnqkYoksRCIGqPxW"
    "ZPrcOpuiQm6J50lOEUoe15nHUx/omBNbDewMseR1nXltWBYicNdoKl6GNg7dmHk8XUsx3w"
    "sbkn2gzn0gCqV1lqH/MABT4eMH8huRYbkCYbkyKPqg6M+h7QCdOi9IlAHcBiQPBHgQLCQz"
    "28Gmcvw6YhzgkUv8BfBfOfYKON5aR+I6Rw39z0GvmyPhs4Tsqm9OPOV/SnR3F+hT1vKxb1"
    "qeCd3n+LGHMJhjoIo33+w+m1nacQPs5hv8QBIVDrOKDSyc1A35LMohrwej8PMawygHrKy1"
    "bpP3FGJRhlAyp3LmsI5IGfYU+QBlSB/hEHQ8m5qN7j+U76EDyBdnUC3eQFJk0h297vtFw5"
    "ksTPEz6hhKKZcJyGWJa+M24VKUY2SNTU3os7Wh1r7W/sTRNtSPIATqi37V6+thuFQQD5Uq"
    "ikOrmICr4oCqvnp7rQXRPeQiL8Sq4rApTsBWNtAIvXsYwRQFLYmGW/GCnFqluvWuw5dM7C"
    "ZkbDGFRFRy+thCscQ/47Kkak9O2+Lb6cQPXVAgSlNKmajWMpFrO54+9YXNZTSdZHGtWYwt"
    "myvHngDXFZ5CM7RyDhWYQ9FDcc5RfeU7c2Hos8QS+w3YCyQYSQUp42QeJk8jeRHSXv3RB1"
    "aeWYSTOuQ4Z7tMjCFnH6cvTNezeW6aIlilI/0GpGUVek5jwUvsOo/sZVcpA1EToTI8z5gs"
    "lnjqs0x4/0i80j2tHbfdVPRSWRttBwe1PA5AOnlkzwlDko5SPZwFbn/hzvQUtzHymZkPyw"
    "ZB64mubKdJqb7yY82pp5MsHmLRyzJ5Fb63j+RVUh8r9bGN0seGgqloOhyGrAkhFfvJihMC"
    "N1kYkLur3aA4ylBL9VGt1UcyidcuI3pliimZYqomMB9/iilKOcLZZKVVJ6V3VWmX3BKnHy"
    "jYzguc31wlIVXsmWIoCCYPOIpnkyMJwO84J3d8osETrPDFTSsj/+TEeHP64iliwwIoU9/B"
    "r6Y82M49bgfnqsBNmh7nhIQ9PnwER/CTY6JWofJgegtSP5YN0YtMAEJFMSG5Eb8Xegx0De"
    "Km9zf0Wn/ZY9Koi5pUSOCNMrGXS9N7pkwsw1zihxF6+2GEbbkuumHAKSlLc0pxHwBYoQf9"
    "DiAaVz5wUcU1qmighh38KYhbro2hQBMGebDtoF9T9Gbk+9CjUWcw1i5ufAQjiNDDIPiObi"
    "IygF/zudIHCHEwTT47dezEbwruzvZsln/QRHYSIgnac9KLJZsubI+RmcEOnhlszzJR3RaM"
    "XQtFwVigzpwpC3OGsIFw7+S4g2T2EUab700skc5BOlmWhTUWHNLmbbHOTsqdNVF02EQG9O"
    "PTebZu1e6l1n0vuC5GZOdKeDGCg6hkQJUMyc8hqxbcRqFXzclqHAUTkhhdXiDjRpVeQti8"
    "4bErpZ6BxPjlyhM5UJcm2eoo3a0GxsmuYK7ksLK015W472RCJbWitdaKkr3pVkdYpCllho"
    "lac1mGhDWbwS52MxIfwxSZHMB15q80r0jzSk1gPn7zigbH9o+O7UOPqLEzBpbU/WdFJhYT"
    "10SIJFU3mlU+2A/KEuvzAzuGi40R2JARnbagPMGKejqLkOmtnyoGVMjDFHdhP7jPFB9iQw"
    "RR6hsPhulh8wKd/+k8Y1LZ14NHMDBpIEzIM74R8kGQ2vYbz0LzjBhVsIHFUGbgAZtIXAU9"
    "LTBWGM4cENsE1tKhloi95g+w8pTxWsGa7bHhogqOOZ+Tr4LKt3QPRM9cmnOHvF34NhHLvj"
    "0llhT8oLWyMogRxPCUKFei+2xEvhZ9dviJLja1kEgGNzFFPcHJhswJqo6NMS7+HBzxgB73"
    "TBn71r3ir/Aq6j5VlvZ34CoUPuibTQzTA/omyqD0XBmiOsYEx6sojm8B5S9/Og9IXRAANF"
    "6ThlzUd9GFA3CbeMYnBqiwehoITJNvykllMWfO/mDzWj3qvHDpIonv7cNFUmaz34uZp97n"
    "6xxSB76LlN/HnKHvMEJwhZGAnu3xIM+dz+P6UrHKQhkIUgJYJgQSzEzSwlAUTeVAFbEB5N"
    "FLqAUDUne5caPC3jjbtnRQXMGp9+l6uw0xSmyu4MfKREs+56hExpWc3F0YZKHy0mcxSn+p"
    "w/pLSUlPHqXYnKMUZ6YFhA9STBHJnlyuJ09Nd2UZa2GwWbrm+YHIIxQPhfyujlAki6dlh6"
    "H7BDEu+pv91fgt1ZkVrSCaVe/0+n11cNvrXqrdjqonsajnyqYaI6h+Hqr9bvtaHwx7/fZ7"
    "9VxhS1jdfjl2l2J2AatZRvsORxOQP67C6g2cwk5evi3l6vnybYGvJ76ZUXSh6cdZr7ieG5"
    "u0XClSmXFJQMdFNmrBnGNCfWqsRZwJ+cRbaRHq1ukrVtlQ++EMvMVeK2nKvTiu7FPsb5Tf"
    "inQ8azaDjy8iYQupLj8Ly90tziui3/Z7HXUwIOEJmaK8LCxBDpQoF0o2s4n6+Vbr44LwYh"
    "upT2YpOfaABpml5JeaT5FsAyb4WN7JAkzuXX8pMsi4xM0batVPatuALTEWXDgWxtmr10Jr"
    "RkzRPHyr1+a75n84mrYiZ7uIokG707043CWYPzjGaoXmW27A+YUJDWfNh54hZPUzay/I4n"
    "xcPCiCMzwZLF6CUUe+0Lrt/pf4HLF4Hb7udd9fcE4Su/gyVNsMAxB+grbYhGJHk0qTLIST"
    "hQ/vdf7MkjutpIkaNLlUpvpinDsEFLsMpdTr7iKTPhPAIrN3l4kC2mMS6mI3sCKsSydLE/"
    "QRa/Ugm8XrN1fxXRAF2STt/Q1H1CQ/FRw7AtwgMocJ18imRdvdY0pm96JwkTEgNRJJ813W"
    "kARlCjrD0iT78389ovWbOtpBzO8yQyijcGUeWRnoXE+Yqwx05s8eFYDdSFmSBTozbdYpmp"
    "w+WIYnj6buF8qgkK1ZaWjC15YdHXuDzUEQkK1ilGOyKFkrVT3K24pDFEhz6UNTZHzCYeMT"
    "KE5tY46nyGttj1dv2tr1uUL+jeDgZnCuoD/sbqmMyqyM416+117GZW+LVK+PTfJaN1XZ7j"
    "OPHiiqvdZA7yKoPQRMOGghS9k8vHcTtnB0vlStrvpJcIXEJOcK+sPN6HrX6agqOZwpvhzB"
    "Nrq6HZJDncKrEbxUr7WPKnGPii+zLlTB/+QoKj05USr3FocKf452ia60K41Lm64Qt6Ahdl"
    "9rlzpZqPDBXDftYUzNu5mhpE7WyrsT01z07rod6vXC3/H9uy4FWrYsrjccXsf30fU2y2r1"
    "wQYyl+7+Xc9WFhYHpzqOiNIj3zAR7zNuA9IBrdYOaDLfb6PZSzJ+bjOWU4QyWWidebxE+0"
    "ljLpqkIE3VOOeYnUjsc4TFg7HeLtCYSyxxL4O7zPJfsUVTpoH/FRYGwivds+8BZwtVYFZN"
    "kz1CLV+viaoai7UM0PmlxhBt9So7gGga6Y5Q7I4QGykfaRinza69qM3jBHijfZzuX6Km8Y"
    "xQpVv2PIu/iLcrDX07aLRB4O/U0ZUH3QafAgrhcq4FukFR7DL7ofQIraVHaMj+raR9llYK"
    "K7UWVlBTGJsMk8tZFBPqWnuDSIOiNCiKGxTJaRt8L5LCCKwUnYy/EsirNQWeYQqljEsopN"
    "G2rNE2JemJbVM5pHK3WrxbZV12K9y0Hi/EG/ernI5WV4/uQHWwYQsW6xdKbsBiHUfVHt4k"
    "b5pNmjanSFC3PQAnJN69yL975dj4oCndmOFTzKQP94F9uBMell0nKZI6S+q18W1lxoYA0l"
    "nK5kkmTU7JXWvgd5WR28TILU3+YQqb8gjTlHK7I7DdWaLn6dtYizKE0uDKKLXQt7jeYxxT"
    "c5qQ2syaazPDwBKO388/B73uhnAUnuvP1Jx4yv8Uy3SP2ETFYy7GI8XXaImI821RU1qHk2"
    "0LN3BRn4Mua71w70Ri+qVjOUcw0GLf9tUrtR9kQU4XkLr0/dTPiL7dvdRJm6mf22igT8uI"
    "Zqf5gtlpRizDljQLMWBbDtP0ewz56twNhr0bHU3ng+goEgF2p6nPlfTvEXyvdtW+1tHDY1"
    "LievzybRhZfWZTy4Bz35gLbWlomj0yD453pQxhZsQy82H+bMgiDPDZ77rrj/8CE6Gw3wxh"
    "8xafV6dlwEa1cuEm93iAj+0pJ6/pEPzIO/wkRdUEqIvEZ/XzsFjCSmU0jaqzYhcP9zDDYw"
    "DdlqsDv6U9TjW3122tK7o8EKJzhfwbwQ/DGyQa4L/bTPQV53YIAJ059lLfIs0Dn7oJQ2QP"
    "GR/cpSs8F9E0TYB53zMRxi/Qu+porhkLnsPKI24CF3Z+EIENpyT3oo7QW9mmWJITPnXzcN"
    "/ViXsJfjM0W/sOEAkw4xPLUDNWL27Ooe0AHeEDnO85jhPFRgluA9I2IWCb8F2gI7nRAkRA"
    "NCaebsKZ7Sy3YcfGtiRnBDhjfweOY05x956brgccfJrPo3kk0KrklgC3sIyD3oIYkPSVbZ"
    "kTjoxaMn0Tv6k9btgu21+wlUZ0yxaSnSvhxQi2u2FJeFGDzdsRptbqq++1wVCNDv4T4EhC"
    "ea4k1yNIn1KYOp4wuCZnEUaXI9jp3dxeq8RLPr4MXOz1Tq97qQ21Xpe8xo06DDzus+WolX"
    "a3o14TH/r4sh5aW5lR6gAZpVKehhnMN2STYomlub7W5nqZU+JX4HKS7dOy7Xt/leV1CdcM"
    "inb/DhqU0/DYNy3PhO5z/NhD+A3vxG1DHsLd8DEYroziLE4Rynm2zjyu1cEox8PnYz4XpZ"
    "4oV3ksSpm0JHTk1COP4WtoeN1OM5J8AuMFEs4KkpEwNZ4VhcE9BHVlCpJfOwVJnkU5F/5c"
    "K7I8kK4VqKScLSR8ikxK+LWW/qa+E4QOL0VM0gyVHDqcoROIKoENk2siyEWXQykPu84CDB"
    "xHLJo5JpB69bJ6dSRnmd+Bw49mzt8WMmQy2UfxjjCCq4K9YCgzX1ItHifCG3eDTB+rU54P"
    "lgn5exuaT5s3N3Q/qTrDh+uPY+oQUvA9PBizKMcHBD+8aNcVn+DIaayAQuYFOWhekJjNGa"
    "yL9q00VZPkv71sYKlYvdxIDD7s+4+3OGqn5xqptusGfjU5E1bG2rINDrD5ARQUSSN68d4D"
    "KI7P5ew2SJsquC5GZOfKbZR2tUwy1dYWc0/1QdjyJBmpT9mLwCL1KUekT5EeM03Xpwdb9K"
    "28E1la6TdTZ06zagxBZnPIJb/rzG+OTqvsVpJDKjeSxSpxGrLq1OIDptXjRHqjapzT32pw"
    "elPWnach8O/DTerKgD2/yEsqrPCsjB1hZkDd9ss5SbU+2A/olqN4C4D+w98RobIwXMUFnm"
    "eBKSlHDZjfTW+toE5yrgBso1CIgljxV4pnK9/Q4Cch7N8Iqem5SijsmMB9zm7Y9/TIip28"
    "fhUPr0fuN/PtEBHDxOwQNFVjlCZ7MEJk1t6DmkpTC3P+JMeu35unOlaO2KlT6NeW/YD6mn"
    "6Pygjm+Je0bx7YvpnmyTY683QLdTZatAZfBkP15lwJ/uOw6v5HraPqvU9dtY+jqamf9VCU"
    "B4OEyxn+OIgJ6syILfWO1R9J4TtCJ2OF1RsI7a5yO60MxzN5CZ3yw1MpknpEpeLnNSYqlc"
    "oKLpjPPU0nWVM5a4JHCPAkJpDMqJwZR+hH0O4MtY/CiYQCKnwmK/4/gpfaoH1BHAaiq3pI"
    "QmH+Fw/8EErOyJBJY2xZY6wLJg7w9HsgelhXhrCB4lL1kmiImgsMi2cBvzCh4awLAU9I2W"
    "Ryay9YJo4M8iLNTTiLx1M+QvZC67b7X/i+YxecWf/iy1BtSw+EX8tOSbJY6UQVLqZJZQil"
    "MnU7j26cpBfnW3RNbnaH4mGWIZY+AXUeaxYwXKD70OMdP17MaYZU8rn+fBbWVDJkzZPMqx"
    "ESBUxRGUc7ruZtC6+EBgZM7tQtoY2gnyxaHFNdeOdZkXXOSOrUJkmLtN8/0n6Pho/LNd/n"
    "T5AUSQO30Ds5vREPKgGEw+oNRPf0pMyBQKhWgU4ocyBQeKyViIqaIpFnwAqqow/qhPLz/8"
    "xHWBc="
)
