from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "notification" ADD "claimed_by" VARCHAR(64);
        ALTER TABLE "notification_order" ADD "claimed_by" VARCHAR(64);
        CREATE INDEX "idx_notificatio_creator_4bcb71" ON "notification_order" ("creator", "created", "id");
        CREATE INDEX "idx_notificatio_creator_805c4b" ON "notification_order" ("creator", "status", "created", "id");
        CREATE INDEX "idx_notificatio_corresp_9f037c" ON "notification_order" ("correspondence_id", "is_reminder");
        -- Hand-written, as PostgreSQL's hash index (which SQLite lacks): the order search by sendersReference.
        CREATE INDEX "idx_notification_order_senders_reference" ON "notification_order" ("creator", "senders_reference");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_notification_order_senders_reference";
        DROP INDEX IF EXISTS "idx_notificatio_corresp_9f037c";
        DROP INDEX IF EXISTS "idx_notificatio_creator_805c4b";
        DROP INDEX IF EXISTS "idx_notificatio_creator_4bcb71";
        ALTER TABLE "notification" DROP COLUMN "claimed_by";
        ALTER TABLE "notification_order" DROP COLUMN "claimed_by";"""


MODELS_STATE = (
    "eJztXVtz27gV/iscvXR3ps3EjnNzO52RZTphV5Y8Er2b7KrDoURYZk2BKi9J1Db/vQB4A0"
    "mQImRRghi82BSAA0rfIQ8Ozg3/7a1cCzj+i4ELA3MR9C6V//aguQLootj1Z6VnrtdZB24I"
    "zLlDxi6oQXM/8KK5HkzHB6jJAv7Cs9eB7UI8WH8ESkygmNBSPOAD74uJu9H10vYD4Ck//T"
    "KZ/PwCT2i5CzSjDZc70IbQ/ncIjMBdguAReGiGP/6Jmm1ogW/ATz6un4wHGzhW7udDMqnp"
    "GLYFYGAHGwOGqzmaAxGQ0UawWZORg0fTuyH0+NvOjYXrhCu4bY71Jnh0YToJ+om4dQkg8M"
    "wAWBR8MHScGOikKfpdqCHwQpD+ICtrsMCDGTqYCZg6+l5ZW88wRmPdmKq6YfRKDEooKNzj"
    "JoQ8Zq4NA59gtTK/GQ6Ay+ARfTw7+x7dJ0MnGoVv+Gt/MvjYn/x0dvYzvqGLnpDoyRnFPe"
    "ek6zuZwgzMaBLCoYwlYGXaDg/+KcFOYMdQplgnQzKwswf84Gi/On/ZAG40qhJv0ocBp1/5"
    "uY2GcSCcUXQP4kYI1wBcxjeSVsAqI3zlug4wIRtkmqwA8xzR7SI3mgCdtrSAdA2yV+PxEM"
    "+88v1/O6RB0wsQ399eqUiWEOTRIDsgzdpIL+DtmH6AcIQPtrdioX6NEAvsFWDDXqYugG/F"
    "5C+Si9N74mv4oGu36lTv397lmHHd11Xcc05aN4XWn94U3oZ0EuU3Tf+o4I/K7+ORStB0/W"
    "DpkTtm4/Tfe/g7mWHgGtD9apgWjUnSnDR9x8v3wxO1WuCGubl4+mp6llHqcc/dqrHlrtX5"
    "qthiQnNJmITRxN8zVpKugQOWZgx+SYWiemu1KCs/bpsiVc1khtrzR60y4npLE9r/ISOoZs"
    "QcN/QWAJH0/tlUcbIZL5oGA/Y7ZrPeK/RwFt+k+LURVxVa4q/wl/Ozi7cX7169uXiHhpCv"
    "mba8rXnVEslVrfqchjZaFmanr45mPKh4SZrCX0HePeTfNwD+fSXu7xlKUyqEOOAukLUF8z"
    "H109evmyior19Xa6i477soi+iYekFYy2iuv3YhdYsj97qUNl0IRZYXAtkN9iIu6lbOFdeO"
    "NhkvBUa1wKDF89r0kDZhPPNhr5+lJdvCST/zAgrtkRvYD/aCXPctC63A/jY5ziJpLNrRTj"
    "CjxjvFlLyRDXoe+jZEFAo9jRJPk1qTLxUXAsVzvypr4CW9bMP0cydkbtsqXomYLnonss9y"
    "m3bUbZrIS37H5B+9BhVfhjLeKkKTYK6hb2XCBShhX5xD5PW/p972teGlQv7N4PR2eqmgP0"
    "Wh1IQT7xpw4l0lJ95VcILnoadIRMb82H4aQdb7O+D57O1Z3FO7eq+zMUfZkp2GGU2gzVn7"
    "Tl25P+usQWcSm+BY0iLtq5UXHj3qKBJDJOujQHJhj6aEGm36K8LnuZaF2kmkZp1nSkmzRu"
    "ubAww450GcppFSupkVLcYM7oAzbNFC1k2YwQ4wAwlzc5htP4qbIQqyyQjZqw13YlDLqCeO"
    "qCcPBBg5hJdlbhhb8UorX5lwu8XvBJ73Pdj8RFGoXYetTLvONkU6GSFAUBH6Kuihs4C0Vc"
    "uQopPSrWVIUUd2NZkI4gA7R9TBfc3ZmyZPdzHAl3q63whkerr3gdfQHV01tHY9DRHRM9zP"
    "/cwtbCqRUTz1DwNLeXC9nA8ZjZq7YUAcx/Q7X3ZD73PivSz4co2Xa/wprTRyje/IGi+TBW"
    "Wy4MklCwqiPfUXgf0FSXqWupT21epHJj3qKI47lj5xZS9/FJXi/fn5q1dvz1++evPu9cXb"
    "t6/fvUx1i3JXnZJxpX3Aekbusd2ueDwnEuskIrDu7q+G2vSjen2ppJczGF8aN31tSHXFn2"
    "fwRtUHhCa+mMGJ2kcf8d8ZHIxHN9rkFvenlzOIJYT2K25MrmbwfpS1Ztf4/pMP6rVx9dmY"
    "qAPtTlNHOv4SpUZ6ZH+oa6MRPSxqQXfW9f7g4y0aPzWux7+NhuP+NfkezPYZHKm/qhMj+k"
    "XZddJO/bpCAxox1rUbbdDXtfEIQY6/dampMCqBmNGIkEQ31gmO0QXGeapOCF7JVXHv1Gwh"
    "bbSO1iyjJe1wsQg9tDUzzKD8vtTnJxdI95CcLJqBogbsk8hOzkVGLgKXS/FPCbqnLL25aP"
    "AavbmofI1wV8GxC74x3p8ap248vnvYnr08b4IuHla9iSWdeYQXLpI1/tpFvxFWhEPd32vX"
    "bLiZxAXsw9C2XuApuiWooiUhkjy0TCG/lKHxVyFehvvG9YC9hL+ATUmfKkCblnIqTniaMG"
    "et2cvomV/TTQD7ccNubeCAyGs+6E8HSGnpfT/OBqvACWbZrSKv6qpvlcbu2c3rAzQ3EY22"
    "BVZrN0A32hhPYFOy7/7R88DCXtsg2jmhRzIIo1CCcO7Y/iNWVhAJPWWph0nDtdGrlkT7Fz"
    "3bd3u9vz2EcEGSwcid8J+Lv/eEk0V1GzqR4mBFslq2Ej+VvRtNcabeps5BvH9tMULL4E09"
    "KJCJbJ8Q6WleAd9Hy6DB/1SXKbunr7coQHzDAw/AY2uP2x7zAnEHH/aLl++bhDzgYZXYR5"
    "3F+EtKAWq+UFJEHQR7/0LcMeEyRNKBB2WapoMgN7FOVhsnS7bJRPySCPhd5HZK2EWsW10q"
    "w9XK9DY7rZUZqVwsuUCfuxYDcR18q/AYFuk68ZDXmdzVT3rO2p6g+tNt/9PPOYv7cDz6kA"
    "ynuDAYjq8K4GPwjMdgxQjVqEY+R9SFp/zQqHsA/WwfoWMkJpbEQ8TjgKqeRRbKFdkVFXOL"
    "vyJyjlDyWGQeWyEwMCd2erFLxJLXIvPadBxE4G+QKF7FPg7DfAhYtpZ6vtdOJJ8BkZ+BJG"
    "nWW8WRwgBY3AcNVE8iE3A5EnBl+vNR0V9C1wMGdTIQLwOYE0gecPBg7blr4AUbA6mLDDPo"
    "P6bjUYWGWSQsrjr2IlD+pyS9baBPeWvnoe0ENvRf4Nsew2GLgarf/BX3eYWlBU9Q3PyhbT"
    "XwcEJPauBnFAmoZlEFuRiMwvfrDKM8sHY2hku+JxeLSoSSOXtnTjEQpsSeuhiUEukzAlJO"
    "R6neGn5Cxb55gPziEqr1GxiKTIZDi75fMb3Fo81/GlqBUuplHHpZFlq3S2IOFZgnsKsD/W"
    "xN1/pD7Xec7UF9iJJtPhs344kRJ+ZEmTe5pjSJp5DaU5+6M1HvhlqUXUIuqpJ59pygw0gN"
    "Kie6oO8e58ok6TF8iT29Rg9w24kyNg5IMXcQFgmVFBQ7mDDY5yY2NCJJAc2/cc4injlVnz"
    "yl1H6E1n581wsMK+R2zNB0ksVCsxj70NaeuwC+zy1CS7RShnLIUHw+PD5Mah16S27oy8QS"
    "+y3YcxStyKXD4gIRNsv2eBXT3vwyAU6VAZ5RjuI0pV0pm42xYzMebT9wWQGBPFjlc8qmZG"
    "YVBl5nwTODwFw8rvD77Njw6ZmPWh6+fjp3V9HLlbdzPZwT8DwA6Sp7Yy/O6DhJ62YZuMNl"
    "i9Lv7dbE0cJL3jSH1MhMPa1W7/mDnapL3Z0UQeBL/pRVfnDfIar8SHOiNCeeqDkx1qt464"
    "YUyLoQe36Y8iExcItHEzI3ZVvsHiVqaf0Q2vohqx21mfooa/HIWjyCwHz6tXiojTyr3Glu"
    "m19T8DQ/rt1NU6Y5g29rG8HLqJ1TWDJJ76NJfHNBvjiPLK1ziNimUy2tc8SFU9bWOUHd5M"
    "HGhxJyVtbJEcknudmTbNn+2jE33GAX6bqnccuaOsdCvq2aOmTxdNzYGUEQY6K/3erInklk"
    "VvQi+5wxGE8m6vRuPLpWRwPVyKxrl8q2ETOoftLVyag/NKb6eNL/oF4qxZZd7HIXTU49uK"
    "g+9eCidKpE6HEd2hEP76AIe3nxrokMQ8NqzpTAnaXAPiR+vM2aGV2/LbAvRyoDIziCUshG"
    "LZI5NvfBrGxieThrBczRfrgEb72JOU95kGT3Q6r9XTIuy+SgjjP4B/cr399hT6lxNxkP1O"
    "lUG324VEpNVX7lyKubeHfLvlr10502wQ3xhfTGCrYgSm+sGIzokjxFug1Y4Dpti0ewePLD"
    "Fc9LxiTu3qu2f6G2C9gSY86F49E8f/2Ga81IKbqHbwuV8u3/MCxtdRGWCUWHdqcHibLMMP"
    "/qmes1krfMqhJXNjS9DRv6AmHRPrMJomSL0+JBHZxxqY50CUYP8pU26k8+s2ujXjFKe1x9"
    "1tV+gQEIP05fbEbRklDpkodw8RjCJ4MtWSrFSp6oQ8Jlb6avQnAHh2G3QCntum0kvBXioG"
    "Q+kmBpNfVhYHVYN06q4YwR640hUPJT/MlXQh8o7oPior5svr8qJqQ+KrhyIfAV9NM3hRn8"
    "F0WLT4u3YZ4lxzitLsOleJycTPwRMvEHaVA2u7JmJQNokp2Wb9Fk1r7XbypZlS/uskQog7"
    "llvLyMlxcT5n3Gy7Olxx7A7qQuWQS6JDZFSkqgU+VZ+miuv1YHhcWRez4a2E0S+bE7CAKy"
    "VTQtCz3DPuNw4Mw3Sw3H5W6SBAYyXT4NXOYnHDc/geLULu54ilxof7x629eGlwr5N4PT2+"
    "mlgv4Ud0tNTGZNAveqo/ZKIXvJ28TEv0IlzEi65+V4dd4k6hSNqvEjleJOj3Rop9BA79/0"
    "mwLGnbRQpuwe3u2kLZxcLFVvpP7GuUJikksF/UGCWx1dk5Cp+AK13A8GqkoqUqSXM9hHV3"
    "c6KVMRX83gtTrUflVJeFR6WQ6hiv5nxTWMrEZGZReDCv8c7RpdaTcakzY/IJ1BQ+weatcG"
    "WahwqZHbvp5SszpLlFStkKqelOZqfD8aUF8v/pz2348o0Mpt6ThdH6b96HqXZXX/yQZxIJ"
    "MHTJ9ly9oaeJYRdk8YtRV6tnawOmiRM913OpyOOYEMQBM6AC3e4XFyOqOS7BWavT7Wy3Z5"
    "l3OE8oBBkXmcnHbNFxiTp+pccEwrGvsSYfHV3OyWaMwklrg3wd0MArBaBzyJeTTJ4ZyaL9"
    "vCeM8ezYVjIrFt7bDy5ynlwiDywkB4ZQTuE2BsoWrcqnmyVg9AEyTRksdjHb8Ac0YIcE32"
    "QI6qe3vSFuLbZSLUjySraO9iU0FF08iwj/qwj9QZ/MwAhF0qxQsK8NY4BPr54g1BKCmvhu"
    "Muy/jvWqS/H03aIfBbDShmQbcldoNCuFkIh2FSFG1WmZSRt0JG3sbs32lXVaSVyorQygqa"
    "CmPD1P+3e24zaqGjbqTjVjpu+R236FbQZ0fr1Ga65ehknhtH/TILBKbNVZovo+ieIaIt53"
    "hO0+PbpjJI5W61frdaDI3e46b1dCHeul9lPGiiRs5HpoMtW7DUvtBwA5baOPYdSU/q00WH"
    "oNgWUtTdAMAFqStQF0cfnxNrmA8BmojE0FMTUTXvbKvUS0XjM8axElHIeeormxREl3H5R4"
    "7LzxjZ2EGQkYi8KxDGPVB4DzmQLlN2Twvqcpl1oYFvq8o6Ld1LqG+rDU1Tyq0Vx9Zqhe5n"
    "7OKZKhFKJ3rBgIZ+ix88J9i4YgppORXcchonCzFiuf4xHY+2pBixwrksexEo/1Mc2z9hdx"
    "iLuRiPHF+TJSKtoUaJtAGjghqe4Kr05h3tSCuhF+5WNKYfOj93BiOL+d1EvVEnUWXrfAMZ"
    "S/fnPib0/dG1QebMfdzF2n3WRDU7q1bMzkpqGfbaOYgBu3KYpj9gGt/gfqqPbw0kzqfJ8T"
    "Ic7M5TXyr5zzP4QR2pE20QH16djWO378LI/VerdUy4DM0l15aGpjkg8+C8LWNIQSI2kYfV"
    "0rCIMEA6sWP44fxfYMGVyl0i7N7i8/qsCdhoVCXcpI8F+Ny1GIGqOvhWdaBNjqoLUNepz+"
    "onvV7DylWpTYYX1S4W7nHVzgi6HVcH9kwHFDV3w7424l0eCNGlQv7N4Ef9FqkG+O8ugn7P"
    "9ToiQB88d2XsULqDTd2FV+QAVTz8lc8ti2iaLsB8aEmE8YvsrgaSNXPOs3VZxF3gQuuHS7"
    "jQIvU0DYTe2rX5CtewqbuHe1unKGb4PSBpHXqAJ2mQTSzTB4t2cXsJXQ8YCB/gfakI0qh3"
    "SjAnkL4JDt9E6AMD6Y0OIAqiuQgMGz643moXdmydS3KGgzPuF+B5toUf76XtB8DDJzQ9m0"
    "ccs0pucXAL6zjoWxAHkrF2HXtRkdjZoCQXe6oDbtiu+5+xl4Z3yxaTXSrxxQz2R3FLfCHA"
    "5u0Ey6VN1A/aVFeTwxw5OJJRXirZ9QzSJ0/mjpyMrsn5ksnlDA7Gt3dDlUTkp5dROL8xGI"
    "+uNV0bj8jXuFX1KLq/3I5m6Y8G6pDE66eXYlhtZZWwI1QJy0U1ljDfUiGsSCzd9UK762Wd"
    "kB+Jy7KkxaFq7Dqu+xSuy2g3CIGhaA8fCEMFZ89D2wls6L/Atz1GfHYr4THyAPuOy7pYA+"
    "FncY5Qrmci81ioQ4VOh8+nfKaQmCjv80ihJqVm6Gy4Zx5h2dGUyVarzPSBZy8ee4ysxrjn"
    "z3WpjGY2RpjqMT9K6ZhnesaqMwG/AM9n2vqr91UUichRvyLFWeOXigPheHgH0T172SR0B4"
    "2qMfmVQncqj66u3q1Wn1ktszW2bUdLetYhs/W//x+SwWss"
)
